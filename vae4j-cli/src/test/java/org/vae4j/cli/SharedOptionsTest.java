package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --seed} and {@code --json} mean the same in every command that has them. */
class SharedOptionsTest {

    private static OptionSpec option(String command, String name) {
        CommandLine sub = Vae4jCommand.commandLine().getSubcommands().get(command);
        assertNotNull(sub, command);
        OptionSpec o = sub.getCommandSpec().findOption(name);
        assertNotNull(o, command + " " + name);
        return o;
    }

    @Test
    void seedDefaultsToOneEverywhere() {
        for (String c : List.of("train", "evaluate", "sample", "reconstruct", "score",
                "classify")) {
            OptionSpec o = option(c, "--seed");
            assertEquals("1", o.defaultValue(), c);
            assertEquals(long.class, o.type(), c);
        }
    }

    @Test
    void jsonIsAFlagEverywhere() {
        for (String c : List.of("train", "evaluate", "score", "classify", "manifold", "embed",
                "interpolate", "traverse")) {
            OptionSpec o = option(c, "--json");
            assertEquals(boolean.class, o.type(), c);
            assertEquals(0, o.arity().max(), c);
        }
    }
}
