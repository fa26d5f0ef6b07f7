package org.vae4j.eval.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vae4j.data.IdxDirectory;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Shuffler;
import org.vae4j.engine.EngineSetup;

/**
 * The metric's must-show sanity table on a full IDX data set (bench/quality-sanity.sh runs it):
 * N training images, blurred, noise and one class dropped, each against the N test images, plus
 * the floor (one half of the test set against the other). Prints a Markdown table.
 *
 * <p>Arguments: the IDX directory, N (default 10,000), the class to drop (default 1). The
 * classifier comes from the cache ({@code -Dvae4j.features.cache=DIR}); the engine runs
 * {@code -Dthreads=T} intra-op threads (default 1).
 */
public final class QualitySanityBench {

    private QualitySanityBench() {}

    /**
     * Runs the table.
     *
     * @param args IDX directory, N, dropped class
     * @throws IOException if the data cannot be read or the classifier cached
     */
    public static void main(String[] args) throws IOException {
        EngineSetup.configure(Integer.getInteger("threads", 1));
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int dropped = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        ImageSet train = IdxDirectory.train(dir);
        ImageSet test = IdxDirectory.test(dir);
        long t0 = System.nanoTime();
        ClassifierCache cache = ClassifierCache.atDefaultRoot();
        ClassifierCache.Loaded loaded = cache.loadOrTrain(train, test,
                ClassifierOptions.defaults(), System.out::println);
        try (DomainClassifier c = loaded.classifier()) {
            ClassifierInfo info = c.info();
            System.out.printf(Locale.ROOT, "classifier: %s in %.0f s, test accuracy %.4f on %d"
                    + " images, options %s, cached in %s%n",
                    loaded.trained() ? "trained" : "loaded", seconds(t0), info.testAccuracy(),
                    info.testImages(), info.options().key(),
                    cache.directory(info.trainFingerprint()));
            ImageSet real = first(test, n);
            long t1 = System.nanoTime();
            Embedding reference = c.embed(real);
            System.out.printf(Locale.ROOT, "embedding %d images: %.1f s%n", real.size(),
                    seconds(t1));
            int[] order = Shuffler.permutation(train.size(), 1, 0);
            ImageSet sample = train.subset(Arrays.copyOf(order, n), "training images");
            System.out.println();
            System.out.println("| set (N = " + n + ") vs test | FD-LeNet | precision | recall"
                    + " | mean confidence | max class deviation |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            row("training images", c, sample, reference, true);
            int half = test.size() / 2;
            Embedding a = c.embed(test.subset(range(0, half), "test half A"));
            Embedding b = c.embed(test.subset(range(half, half), "test half B"));
            print("test half B vs half A (N = " + half + "; the floor)",
                    SampleQuality.compare(b, a, info, KnnManifold.DEFAULT_K), 0);
            for (double sigma : new double[] {0.5, 1, 1.5, 2}) {
                row("training images, Gaussian blur σ = " + sigma, c,
                        Degradations.blurred(sample, sigma), reference, false);
            }
            row("uniform noise", c, Degradations.noise(sample, 7), reference, false);
            ImageSet rest = train.subset(order, "training images");
            row("training images without class " + dropped, c,
                    Degradations.withoutClass(rest, dropped, n), reference, false);
        }
    }

    private static void row(String name, DomainClassifier c, ImageSet set, Embedding reference,
            boolean timed) {
        Embedding e = c.embed(set);
        long t = System.nanoTime();
        SampleQuality q = SampleQuality.compare(e, reference, c.info(), KnnManifold.DEFAULT_K);
        print(name, q, timed ? seconds(t) : 0);
    }

    private static void print(String name, SampleQuality q, double timed) {
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", name,
                q.frechetDistance(), q.precision(), q.recall(), q.meanConfidence(),
                q.maxDeviationFromUniform());
        if (timed > 0) {
            System.out.printf(Locale.ROOT, "(FD + precision/recall of %d vs %d: %.1f s)%n",
                    q.samples(), q.references(), timed);
        }
    }

    private static ImageSet first(ImageSet s, int n) {
        return n >= s.size() ? s : s.first(n);
    }

    private static int[] range(int from, int n) {
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> from + i);
        return idx;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
