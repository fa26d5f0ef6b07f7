package org.vae4j.family.pixelcnn;

import ai.djl.Device;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.vae4j.data.Binarization;
import org.vae4j.data.BatchSource;
import org.vae4j.data.CodeGrids;
import org.vae4j.data.IdxDirectory;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.io.Checkpoint;
import org.vae4j.model.DiscreteCoder;
import org.vae4j.model.Metrics;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingResult;

/**
 * Compares PixelCNN prior shapes at equal cost (issue 15): encodes the first N training images
 * of an IDX directory (and the next M as validation) with a VQ-VAE checkpoint, then trains each
 * configuration until it has used a budget of process CPU seconds (CPU time, not wall time:
 * the machine is shared, and CPU time is what a configuration costs whoever else runs) and
 * prints steps, grids per CPU second and the validation nats per code. Run by
 * bench/prior-shapes.sh.
 *
 * <p>Arguments: checkpoint.vae4j of a VQ-VAE run, IDX directory, N, M, CPU seconds per
 * configuration, then configurations {@code LAYERSxFILTERS[kKERNEL]} (e.g. {@code 8x64 4x64k5}).
 * {@code -Dthreads=T} intra-op threads (default 1), {@code -Dbatch=B} (default 128).
 */
public final class PriorBench {

    private PriorBench() {}

    /**
     * Runs the comparison.
     *
     * @param args see the class comment
     * @throws Exception if the data or checkpoint cannot be read
     */
    public static void main(String[] args) throws Exception {
        EngineSetup.configure(Integer.getInteger("threads", 1));
        int batch = Integer.getInteger("batch", 128);
        Path ckpt = Path.of(args[0]);
        Path idx = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        double budget = Double.parseDouble(args[4]);
        ImageSet all = IdxDirectory.train(idx);
        CodeGrids train;
        CodeGrids val;
        try (Checkpoint c = Checkpoint.read(ckpt, Device.cpu())) {
            DiscreteCoder coder = c.model().as(DiscreteCoder.class);
            long t0 = System.nanoTime();
            train = encode(coder, all, 0, n, "train");
            val = encode(coder, all, n, m, "val");
            System.out.printf(Locale.ROOT, "encoded %d + %d images in %.1f s%n", n, m,
                    (System.nanoTime() - t0) / 1e9);
        }
        System.out.println("| config | parameters | steps | grids/CPU-s | grids/wall-s |"
                + " val nats/code |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int a = 5; a < args.length; a++) {
            run(args[a], train, val, budget, batch);
        }
    }

    private static void run(String spec, CodeGrids train, CodeGrids val, double budget,
            int batch) {
        String[] lk = spec.split("k");
        String[] lf = lk[0].split("x");
        int kernel = lk.length > 1 ? Integer.parseInt(lk[1]) : 3;
        PixelCnnConfig config = new PixelCnnConfig(train.codebookSize(), train.height(),
                train.width(), Integer.parseInt(lf[1]), Integer.parseInt(lf[0]), kernel, 10,
                null);
        TrainOptions options = new TrainOptions(1000, batch, 1e-3, OptimizerKind.ADAM, 0, 1, 1,
                0.1);
        try (PixelCnnModel model = PixelCnnModel.create(config, 1)) {
            PixelCnnStep step = new PixelCnnStep(model, options);
            long cpu0 = cpuNanos();
            long wall0 = System.nanoTime();
            long[] steps = {0};
            Trainer trainer = new Trainer(model, step, options,
                    new org.vae4j.train.TrainingListener() {
                        @Override
                        public void onBatch(int epoch, int b, double loss) {
                            steps[0]++;
                        }
                    }, null, () -> (cpuNanos() - cpu0) / 1e9 >= budget);
            TrainingResult r = trainer.fit(train, null);
            double cpu = (cpuNanos() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            Metrics v = step.evaluate(BatchSource.of(val, 1000, Binarization.NONE, 10), 1);
            System.out.printf(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.4f |%n", spec,
                    model.parameterCount(), steps[0], steps[0] * batch / cpu,
                    steps[0] * batch / wall, v.get("nats_per_code"));
            if (!r.interrupted()) {
                System.out.println("(ran out of epochs before the budget)");
            }
        }
    }

    private static CodeGrids encode(DiscreteCoder coder, ImageSet all, int from, int count,
            String what) {
        int[][] grids = new int[count][];
        int[] labels = new int[count];
        for (int s = 0; s < count; s += 1000) {
            int c = Math.min(1000, count - s);
            int[] idx = new int[c];
            for (int i = 0; i < c; i++) {
                idx[i] = from + s + i;
                labels[s + i] = all.label(from + s + i);
            }
            System.arraycopy(coder.encodeIndices(all.toRows(idx), null), 0, grids, s, c);
        }
        int[] g = coder.gridShape();
        return new CodeGrids(grids, g[0], g[1], coder.codebookSize(), labels, what);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
