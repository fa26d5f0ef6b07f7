package org.vae4j.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * Turns a record's {@link IllegalArgumentException} into the usage error of the flag behind the
 * bad value. The records check themselves (their messages name the field and the value, e.g.
 * {@code "latentDim must be > 0, got 0"}); the command line only knows which flag sets which
 * field, by the start of the message.
 */
final class FlagErrors {

    private FlagErrors() {}

    /**
     * The flag a record's message is about.
     *
     * @param message the record's message
     * @param flags message start to flag, e.g. {@code "latentDim" -> "--latent"}
     * @return the flag, or null when the message is about none of them
     */
    static String flagOf(String message, Map<String, String> flags) {
        String m = message == null ? "" : message;
        for (Map.Entry<String, String> e : flags.entrySet()) {
            if (m.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * A usage error {@code "--flag: record message"}.
     *
     * @param cl the command line
     * @param flag the flag
     * @param e the record's complaint
     * @return the error to throw
     */
    static CommandLine.ParameterException usage(CommandLine cl, String flag,
            IllegalArgumentException e) {
        return new CommandLine.ParameterException(cl, flag + ": " + e.getMessage());
    }
}
