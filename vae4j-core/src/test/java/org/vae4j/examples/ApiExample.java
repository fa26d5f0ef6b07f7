package org.vae4j.examples;

// README-BEGIN
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Split;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.eval.LabelSpreading;
import org.vae4j.eval.LatentClassifier;
import org.vae4j.family.Families;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunDirectory;
import org.vae4j.io.SavedModel;
import org.vae4j.model.ElboMetrics;
import org.vae4j.model.Encoding;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.Sampler;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;

/** Trains a VAE, saves it as a run directory, loads it back and puts it to work. */
public final class ApiExample {

    /**
     * The whole example.
     *
     * @param all training images (e.g. {@code IdxDirectory.train(dir)})
     * @param test test images (e.g. {@code IdxDirectory.test(dir)})
     * @param runDir where the run directory goes
     * @param epochs passes over the training images
     * @return the M1 accuracy of label spreading with 10 labels per class
     * @throws IOException if the run directory cannot be written or read
     */
    public static double run(ImageSet all, ImageSet test, Path runDir, int epochs)
            throws IOException {
        Split split = Split.of(all, 0.1, 1L);
        VaeConfig config = VaeConfig.mlp(1, 28, 28).withLatentDim(20);
        TrainOptions options =
                new TrainOptions(epochs, 128, 1e-3, OptimizerKind.ADAM, 0, 1.0, 1L, 0.1);
        RunDirectory run = new RunDirectory(runDir);

        try (GenerativeModel vae = Families.create(config, options.seed())) {
            TrainingResult result = Families.trainer(vae, options, null,
                    run.sink(options, all.source(), all.fingerprint(), split.train().size(),
                            split.validation().size()), null)
                    .fit(split.train(), split.validation());
            System.out.println(result.last());     // epoch, train/validation metrics, img/s
        }

        try (SavedModel saved = ModelStore.load(run.model())) {
            // Capabilities: any family's model answers can(Sampler.class), as(...).
            float[][] samples = saved.model().as(Sampler.class).sample(16, 42L);  // seeded
            VaeModel vae = (VaeModel) saved.model();      // the VAE's whole API
            float[][] images = test.toRows(100);          // first 100 test images, [0,1]
            Encoding enc = vae.encode(images);            // mu, logvar [100][20]
            float[][] decoded = vae.decode(enc.mu());     // pixel means in [0,1]
            float[][] recon = vae.reconstruct(images);
            ElboMetrics elbo = vae.evaluate(test, 1000, 1L);  // nats per image
            AnomalyScores scores = AnomalyScorer.score(vae, test,
                    new AnomalyScorer.Options(10, 100, 100, 1L));  // -ELBO, An & Cho, IS log p(x)
            System.out.printf("%d samples, %d decoded, %d reconstructed, test -ELBO %.2f,"
                    + " %d anomaly scores%n", samples.length, decoded.length, recon.length,
                    elbo.negElbo(), scores.size());
            // M1: spread 10 labels per class through unlabelled training images' latent means
            ImageSet train = split.train();
            LabelSpreading graph = LabelSpreading.prepare(
                    vae.encode(train.toRows(Math.min(20_000, train.size()))).mu(),
                    vae.encode(test.toRows(test.size())).mu(), LabelSpreading.Options.DEFAULTS);
            int[] chosen = LatentClassifier.sampleLabelled(train.labels(), 10, 1L);
            int[] chosenY = Arrays.stream(chosen).map(i -> train.labels()[i]).toArray();
            return graph.accuracy(vae.encode(train.toRows(chosen)).mu(), chosenY,
                    test.labels());
        }
    }
    // README-END

    private ApiExample() {}
}
