package org.vae4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Checks that an output flag names a file of the kind the command writes there: {@code embed
 * --out x.png} used to write a CSV table into {@code x.png}.
 */
final class OutputFiles {

    private OutputFiles() {}

    /**
     * Refuses a path whose extension is not {@code extension}.
     *
     * @param cl the command line
     * @param flag the flag, e.g. {@code --out}
     * @param path the path given, or null (the command's default)
     * @param extension what the command writes, e.g. {@code .csv}
     * @param what what it writes there, for the message, e.g. {@code "the table of codes"}
     * @throws CommandLine.ParameterException naming the flag, the path and the extension
     */
    static void check(CommandLine cl, String flag, Path path, String extension, String what) {
        if (path == null || path.getFileName() == null) {
            return;
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(extension)) {
            throw new CommandLine.ParameterException(cl, flag + " " + path + ": this is where "
                    + what + " goes; give a " + extension + " file");
        }
    }
}
