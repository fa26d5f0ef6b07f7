package org.vae4j.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --seed} option of commands that draw random numbers after training (posterior
 * samples, prior draws, corruptions, labelled subsets). {@code train} keeps its own, which is
 * also checked on {@code --resume}.
 */
final class SeedOption {

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            defaultValue = "1",
            description = "Seed of the command's random draws; the same seed repeats a result"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;
}
