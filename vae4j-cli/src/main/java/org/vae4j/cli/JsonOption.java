package org.vae4j.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option: print a command's result as one JSON object instead of text. */
final class JsonOption {

    @Option(names = "--json", description = "Print the result as a JSON object.")
    boolean json;
}
