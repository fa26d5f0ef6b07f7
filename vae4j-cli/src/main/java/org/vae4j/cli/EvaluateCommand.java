package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.model.Metrics;
import org.vae4j.model.Evaluator;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.model.ElboMetrics;
import org.vae4j.eval.LatentStatistics;
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
            "Uses --data's test images (see --data); without it, the run's own: its IDX or"
                    + " CIFAR-10 test files, its image folder's validation split, or the embedded"
                    + " Fashion-MNIST test set."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Mixin EvalData data;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N images."
                    + " Of an image folder (sorted by class): N spread over its classes,"
                    + " a fixed seeded sample.")
    int limit;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1000",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin SeedOption seed;

    @Option(names = {"-k", "--importance-samples"}, paramLabel = "K", defaultValue = "0",
            description = "Also estimate -log p(x) by importance sampling with K samples per"
                    + " image (Burda et al. use 5000; 0 = skip, the default).")
    int importanceSamples;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (batch <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be > 0, got " + batch);
        }
        if (importanceSamples < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--importance-samples must be >= 0, got " + importanceSamples);
        }
        Bounds.check(spec.commandLine(), "--importance-samples", importanceSamples, 0,
                Bounds.MAX_IMPORTANCE_SAMPLES);
        common.startEngine(spec.commandLine());
        try (SavedModel saved = run.load()) {
            ImageSet test = data.test(spec.commandLine(), run, saved, limit);
            if (!saved.model().can(LikelihoodScorer.class) && importanceSamples == 0) {
                // A model without a density still reports the loss it trains on.
                return evaluateLoss(Capabilities.require(spec.commandLine(), run.run,
                        saved.model(), Evaluator.class), test);
            }
            LikelihoodScorer model = Capabilities.require(spec.commandLine(), run.run,
                    saved.model(), LikelihoodScorer.class);
            ElboMetrics m = model.evaluate(test, batch, seed.seed);
            if (!Double.isFinite(m.negElbo())) {
                throw new CliException(run.run + ": the -ELBO on " + test.source() + " is "
                        + m.negElbo() + " (reconstruction " + m.reconstruction() + ", KL "
                        + m.kl() + "): the parameters are damaged or do not fit these images");
            }
            LatentStatistics latent = LatentStatistics.of(model, test);
            double isNll = Double.NaN;
            if (importanceSamples > 0) {
                // Small batches: each image's K samples are decoded together.
                int isBatch = Math.max(1, Math.min(100, 2_000_000 / importanceSamples));
                AnomalyScores s = AnomalyScorer.score(model, test,
                        new AnomalyScorer.Options(1, importanceSamples, isBatch, seed.seed));
                double sum = 0;
                for (double ll : s.logLikelihood()) {
                    sum -= ll;
                }
                isNll = sum / s.size();
            }
            if (latent.collapsed()) {
                spec.commandLine().getErr().println("warning: posterior collapse: no latent unit"
                        + " is active (Cov_x E_q[z_i] <= 0.01 for all "
                        + latent.klPerUnit().length + "); the decoder ignores z");
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json.json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("neg_elbo", m.negElbo());
                r.put("reconstruction", m.reconstruction());
                r.put("kl", m.kl());
                r.put("images", m.images());
                if (importanceSamples > 0) {
                    r.put("is_nll", isNll);
                    r.put("importance_samples", importanceSamples);
                }
                r.put("latent_dim", latent.klPerUnit().length);
                r.put("active_units", latent.activeUnits());
                r.put("kl_per_unit", latent.klPerUnit());
                // Under a VampPrior the KL term has no per-unit split: the values are each
                // unit's KL from N(0, 1) instead (see LatentStatistics).
                r.put("kl_per_unit_reference", model.standardNormalPrior() ? "prior" : "N(0, 1)");
                r.put("mean_variance_per_unit", latent.meanVariance());
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
                if (importanceSamples > 0) {
                    o.printf(Locale.ROOT, "importance-sampled -log p(x) with k=%d: %.3f nats/image%n",
                            importanceSamples, isNll);
                }
                o.printf("active units: %d of %d (Cov_x E_q[z_i] > 0.01)%n", latent.activeUnits(),
                        latent.klPerUnit().length);
                if (!model.standardNormalPrior()) {
                    o.println("the KL term is a Monte-Carlo estimate (log q(z|x) - log p(z)); the"
                            + " prior does not split over units, so --json's kl_per_unit is each"
                            + " unit's KL from N(0, 1)");
                }
            }
            o.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    /** The family's metrics on the test images, for a model without a likelihood. */
    private int evaluateLoss(Evaluator model, ImageSet test) {
        Metrics m = model.evaluateMetrics(test, batch, seed.seed);
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> r = new LinkedHashMap<>(m.asMap());
            r.put("images", test.size());
            r.put("family", model.config().family());
            r.put("data", test.source());
            r.put("data_fingerprint", test.fingerprint());
            r.put("model", run.run.toString());
            o.println(Json.toJson(r));
        } else {
            StringBuilder terms = new StringBuilder();
            for (String name : m.names()) {
                terms.append(terms.length() == 0 ? "" : ", ").append(name.replace('_', ' '))
                        .append(String.format(Locale.ROOT, " %.3f", m.get(name)));
            }
            o.printf(Locale.ROOT, "%s on %s (%,d images): %s nats/image%n", run.run,
                    test.source(), test.size(), terms);
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }
}
