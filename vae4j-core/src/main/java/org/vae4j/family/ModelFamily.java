package org.vae4j.family;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.DataInputStream;
import java.io.IOException;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * A kind of generative model: its configuration type, how to build and read its network, and its
 * training step. Registered in {@link Families}; the trainer, the checkpoint code and the
 * commands reach a family only through this interface and the capabilities its models implement.
 *
 * @param <C> the configuration type, saved as {@code config.json} with {@code "family": id()}
 */
public interface ModelFamily<C extends ModelConfig> {

    /**
     * The id used on the command line and in {@code config.json}.
     *
     * @return e.g. {@code vae}, lower case
     */
    String id();

    /**
     * One line for {@code --help}.
     *
     * @return the description
     */
    String description();

    /**
     * The configuration record, read from {@code config.json} with Gson.
     *
     * @return the class
     */
    Class<C> configType();

    /**
     * The likelihood a run of this family gets when none is asked for.
     *
     * @return {@link Likelihood#BERNOULLI} unless the family says otherwise
     */
    default Likelihood defaultLikelihood() {
        return Likelihood.BERNOULLI;
    }

    /**
     * The σ of the Gaussian likelihoods a run of this family gets when none is asked for.
     *
     * @return 0.1 unless the family says otherwise
     */
    default double defaultSigma() {
        return 0.1;
    }

    /**
     * Builds a configuration from the shared network settings.
     *
     * @param spec the settings
     * @return the configuration
     * @throws IllegalArgumentException naming the setting this family cannot honour
     */
    C configure(NetworkSpec spec);

    /**
     * Creates a model with freshly initialised parameters on the CPU.
     *
     * @param config the configuration
     * @param seed seeds the initialisation
     * @return the model
     */
    GenerativeModel create(C config, long seed);

    /**
     * Reads parameters written by {@link GenerativeModel#writeParameters}.
     *
     * @param config the configuration they were made for
     * @param in the stream
     * @param device where the parameters live
     * @return the model
     * @throws IOException if the stream cannot be read
     * @throws MalformedModelException if the parameters do not fit the configuration
     */
    GenerativeModel read(C config, DataInputStream in, Device device)
            throws IOException, MalformedModelException;

    /**
     * The training step for a model of this family.
     *
     * @param model a model made by {@link #create} or {@link #read}
     * @param options the run's options
     * @return the step
     * @throws IllegalArgumentException naming an option this family cannot use (a KL weight for
     *     a model without KL, say)
     */
    TrainStep step(GenerativeModel model, TrainOptions options);
}
