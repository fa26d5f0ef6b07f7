package org.vae4j.cli;

import org.vae4j.model.GenerativeModel;
import picocli.CommandLine;

/**
 * What a command asks of a model: a capability, never a family. A model without it is a usage
 * error (exit 2) whose one line is the model's own reason.
 */
final class Capabilities {

    private Capabilities() {}

    /**
     * The model as a capability, or a usage error naming the run and what the model lacks.
     *
     * @param cl the command line, for the error
     * @param run the --run value, for the message
     * @param model the loaded model
     * @param capability e.g. {@code Sampler.class}
     * @param <T> the capability
     * @return the model as that capability
     */
    static <T> T require(CommandLine cl, Object run, GenerativeModel model, Class<T> capability) {
        if (!model.can(capability)) {
            throw new CommandLine.ParameterException(cl, run + ": " + model.lacks(capability));
        }
        return model.as(capability);
    }
}
