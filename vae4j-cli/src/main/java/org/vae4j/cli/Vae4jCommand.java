package org.vae4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.util.Messages;
import org.vae4j.io.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands and maps errors to exit codes. */
@Command(
        name = "vae4j",
        mixinStandardHelpOptions = true,
        versionProvider = Vae4jCommand.VersionProvider.class,
        description = "Variational autoencoders for images, on the JVM.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            SampleCommand.class,
            TrainPriorCommand.class,
            ReconstructCommand.class,
            ScoreCommand.class,
            ClassifyCommand.class,
            ManifoldCommand.class,
            EmbedCommand.class,
            InterpolateCommand.class,
            TraverseCommand.class,
            ServeCommand.class,
            QualityCommand.class,
            RecommendCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (bad data, I/O, NaN loss, ...)", "2:usage error"})
public final class Vae4jCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with vae4j's error handling: one line per error, no stack trace
     * unless {@code --verbose}.
     *
     * @return the configured command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Vae4jCommand());
        cl.setExecutionExceptionHandler(Vae4jCommand::handleExecution);
        cl.setParameterExceptionHandler(Vae4jCommand::handleParameter);
        cl.setExecutionStrategy(Vae4jCommand::runLast);
        return cl;
    }

    /**
     * Runs the chosen subcommand as picocli does, and turns an {@link OutOfMemoryError} into
     * the usual one-line error and exit code 1. picocli hands only exceptions to the execution
     * exception handler; an error would escape {@code execute}, and the JVM would print its
     * stack trace. By the time it arrives here the stack that filled the heap has unwound, so
     * printing a line is safe.
     */
    private static int runLast(CommandLine.ParseResult parsed) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (OutOfMemoryError e) {
            CommandLine cmd = parsed.commandSpec().commandLine();
            return reportOutOfMemory(e, e, cmd, parsed);
        }
    }

    private static int reportOutOfMemory(OutOfMemoryError oom, Throwable thrown, CommandLine cmd,
            CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String why = oom.getMessage() == null || oom.getMessage().isBlank() ? ""
                : " (" + Messages.firstLine(oom.getMessage()) + ")";
        err.println("error: out of memory" + why + ": try a smaller --batch or --limit, or a"
                + " larger heap (VAE4J_JAVA_OPTS=-Xmx8g; the JVM has "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)");
        if (verbose(parsed)) {
            thrown.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        return parsed.hasMatchedOption("--verbose") || (parsed.subcommand() != null
                && parsed.subcommand().hasMatchedOption("--verbose"));
    }

    private static int handleParameter(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(
                cmd.getCommandSpec().qualifiedName()
                        + ": "
                        + ex.getMessage()
                        + suggestion(ex)
                        + " (see '"
                        + cmd.getCommandSpec().qualifiedName()
                        + " --help')");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * picocli's guesses for a mistyped flag or subcommand, as {@code "; did you mean --latent?"},
     * or "". {@link CommandLine.UnmatchedArgumentException#printSuggestions} would print them on
     * lines of their own; a usage error stays one line, so they go into it.
     */
    static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) {
            return "";
        }
        List<String> s = u.getSuggestions();
        if (s == null || s.isEmpty()) {
            return "";
        }
        List<String> shown = s.subList(0, Math.min(3, s.size()));
        return "; did you mean " + String.join(" or ", shown) + "?";
    }

    private static int handleExecution(
            Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                // Wrapped on its way out, e.g. by a worker thread or an executor.
                return reportOutOfMemory(oom, ex, cmd, parsed);
            }
        }
        PrintWriter err = cmd.getErr();
        Throwable shown = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        String message = shown.getMessage();
        if (shown instanceof FileAlreadyExistsException
                || shown instanceof NotDirectoryException) {
            // Their message is the bare path ("error: runs/x"): say what is wrong with it.
            message = inTheWay((FileSystemException) shown);
        }
        if (message == null || message.isBlank() || !(shown instanceof IOException
                || shown instanceof IllegalArgumentException
                || shown instanceof IllegalStateException
                || shown instanceof CliException
                || shown instanceof org.vae4j.train.NonFiniteLossException)) {
            message = shown.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        err.println("error: " + Messages.firstLine(message));
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * What is wrong with the path of a {@link FileAlreadyExistsException} or
     * {@link NotDirectoryException}: usually a file where a directory (a run
     * directory, an {@code --out} folder) is to be made.
     */
    static String inTheWay(FileSystemException e) {
        String file = e.getFile();
        if (file == null) {
            return e.getClass().getSimpleName();
        }
        Path p = Path.of(file);
        if (e instanceof NotDirectoryException) {
            return file + ": not a directory; a directory is needed here";
        }
        return Files.exists(p) && !Files.isDirectory(p)
                ? file + ": is a file, not a directory; remove it or choose another path"
                : file + ": already exists";
    }

    /** Reports vae4j's, DJL's and the JVM's versions (not libtorch's: that needs the engine). */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "vae4j " + Version.VAE4J,
                "Java " + System.getProperty("java.version"),
                "DJL 0.35.0 with the PyTorch engine (libtorch 2.7.1, CPU)"
            };
        }
    }
}
