package org.vae4j.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
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

    /**
     * One group holding every parameter of a block, in the block's order: what a family with a
     * single optimizer uses.
     *
     * @param name the group's name
     * @param block the block
     * @return the group
     */
    public static ParameterGroup all(String name, Block block) {
        List<Parameter> all = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            all.add(p.getValue());
        }
        return new ParameterGroup(name, all);
    }
}
