package org.vae4j.cli;

import picocli.CommandLine;

/** Entry point of the {@code vae4j} command. */
public final class Main {

    private Main() {}

    /**
     * Runs the command line and exits with its code (0 ok, 1 failure, 2 usage).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // Plots and image grids are drawn off-screen; never try to reach a display.
        setDefault("java.awt.headless", "true");
        configureLogging(hasVerbose(args));
        System.exit(Vae4jCommand.commandLine().execute(args));
    }

    private static boolean hasVerbose(String[] args) {
        for (String a : args) {
            if ("--verbose".equals(a) || "-v".equals(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keeps DJL's start-up chatter (CUDA probing on a machine without a GPU, native library
     * extraction) out of the user's terminal; {@code --verbose} shows it. Must run before the
     * first logger is created.
     */
    static void configureLogging(boolean verbose) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setDefault("org.slf4j.simpleLogger.log.ai.djl", verbose ? "info" : "error");
        setDefault("org.slf4j.simpleLogger.log.ai.djl.util.cuda", verbose ? "info" : "off");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", verbose ? "true" : "false");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Kept for picocli's annotation processing and tests. */
    static CommandLine commandLine() {
        return Vae4jCommand.commandLine();
    }
}
