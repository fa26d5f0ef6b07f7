package org.vae4j.train;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Parameters updated together by one optimizer, e.g. a VAE's whole network ({@code model}), or a
 * VAE-GAN's generator and discriminator as two groups. Its optimizer's state is saved in the
 * checkpoint under the group's name.
 *
 * @param name a short id, unique within a step ({@code [a-z0-9_-]+})
 * @param parameters the parameters, in a fixed order (the checkpoint's state follows it)
 */
public record ParameterGroup(String name, List<Parameter> parameters) {

    /** Checks the name and copies the list. */
    public ParameterGroup {
        if (name == null || !name.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "group name must match [a-z0-9_-]+, got '" + name + "'");
        }
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("group " + name + " has no parameters");
        }
        parameters = List.copyOf(parameters);
    }
}
