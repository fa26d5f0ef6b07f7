package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vae4j.data.ImageSet;
import org.vae4j.io.SavedModel;
import org.vae4j.web.VaeServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j serve}: the latent-space explorer page and its JSON API for a trained model. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves an interactive page to explore the model's latent space (decode any point,"
                    + " draw samples, encode and score uploaded images) and its JSON API.",
            "The pad shows the latent means of (up to 2,000 of) the run's own test images, or"
                    + " of --data, coloured by class.",
            "Runs until interrupted (Ctrl-C)."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    /** The images of the scatter behind the pad: the run's own held-out ones by default. */
    @Mixin EvalData data;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port must be in [0, 65535], got " + port);
        }
        common.startEngine(spec.commandLine());
        ImageSet images;
        ImageSet training;
        // Read as evaluate reads them (data.json, or --data brought to the model's shape); the
        // web module does not read data flags, so it is handed the images.
        try (SavedModel saved = run.load()) {
            images = data.test(spec.commandLine(), run, saved, 0);
            saved.model().checkShape(images);
            // The reference of /api/score's latent distances: what the model trained on.
            training = data.training(spec.commandLine(), run, saved);
        }
        VaeServer server = VaeServer.start(run.run, images, training, host, port,
                run.precision);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C ends the JVM through its shutdown hooks: close the server (which frees the
        // model's native memory) there, then let the waiting command thread go.
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "vae4j-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("serving " + run.run + " at " + server.url() + " (Ctrl-C to stop)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            // Close before restoring the flag: Jetty's stop fails on an interrupted thread.
            server.close();
            Thread.currentThread().interrupt();
        }
        return CommandLine.ExitCode.OK;
    }
}
