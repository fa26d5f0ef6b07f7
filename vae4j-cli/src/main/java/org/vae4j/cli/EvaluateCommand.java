package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.ElboMetrics;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j evaluate}: the negative ELBO of a trained model on test images. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Computes the test negative ELBO, reconstruction and KL terms, per image in nats.",
            "Uses DIR's t10k files, or the embedded Fashion-MNIST test set without --data."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of MNIST-style IDX files; its t10k files are evaluated.")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N images.")
    int limit;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1000",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the posterior samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the result as a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (batch <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be > 0, got " + batch);
        }
        common.startEngine(spec.commandLine());
        ImageSet test = Datasets.test(data, limit);
        try (SavedModel saved = run.load()) {
            ElboMetrics m = saved.model().evaluate(test, batch, seed);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("neg_elbo", m.negElbo());
                r.put("reconstruction", m.reconstruction());
                r.put("kl", m.kl());
                r.put("images", m.images());
                r.put("data", test.source());
                r.put("data_fingerprint", test.fingerprint());
                r.put("model", run.run.toString());
                o.println(Json.toJson(r));
            } else {
                o.printf(Locale.ROOT,
                        "%s on %s (%,d images): -ELBO %.3f nats/image (reconstruction %.3f, KL"
                                + " %.3f)%n",
                        run.run, test.source(), m.images(), m.negElbo(), m.reconstruction(),
                        m.kl());
            }
            o.flush();
        }
        return CommandLine.ExitCode.OK;
    }
}
