package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Split;
import org.vae4j.engine.EngineSetup;
import org.vae4j.family.Families;
import org.vae4j.io.Checkpoint;
import org.vae4j.io.Json;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.RunDirectory;
import org.vae4j.model.Metrics;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;

/**
 * The best checkpoint and early stopping on a scripted validation curve: the VAE's real step
 * trains, but its validation −ELBO of epoch {@code e} is {@code CURVE[e - 1]}, so which epoch is
 * best and when patience runs out are known by hand.
 */
class EarlyStopTest {

    /**
     * Epoch 4 is the best (2.5); epochs 5-7 do not beat it; epoch 5 is a finite spike (1e6) and
     * epoch 6 ties the best, which is no improvement. With patience 3 the run ends after epoch 7.
     */
    private static final double[] CURVE = {5, 3, 4, 2.5, 1e6, 2.5, 2.6, 1, 0.5, 0.4};

    private static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 28, 28).withHidden(List.of(16)).withLatentDim(2);

    private static ImageSet train;
    private static ImageSet validation;

    @TempDir Path tmp;

    @BeforeAll
    static void data() {
        EngineSetup.configure(2);
        Split split = Split.of(EmbeddedData.fashionMnistTest().first(250), 0.2, 1);
        train = split.train();
        validation = split.validation();
    }

    private static TrainOptions options(int patience) {
        return new TrainOptions(10, 50, 1e-3, OptimizerKind.ADAM, 0, 1, 5, 0.2)
                .withEarlyStop(patience);
    }

    /** The VAE's step, with the scripted validation loss of the epoch it last trained. */
    private static final class Scripted implements TrainStep {
        private final TrainStep real;
        private int epoch;

        Scripted(TrainStep real) {
            this.real = real;
        }

        @Override
        public List<ParameterGroup> groups() {
            return real.groups();
        }

        @Override
        public List<String> sumNames() {
            return real.sumNames();
        }

        @Override
        public float[] step(Batch batch, StepContext context) {
            epoch = context.epoch();
            return real.step(batch, context);
        }

        @Override
        public Metrics metrics(double[] sums, long rows) {
            return real.metrics(sums, rows);
        }

        @Override
        public Metrics evaluate(BatchSource v, long seed) {
            Metrics m = real.evaluate(v, seed);
            return Metrics.of(m.names(), CURVE[epoch - 1], m.get("reconstruction"), m.get("kl"));
        }
    }

    /** Records the parameter bytes at the end of every epoch. */
    private static TrainingListener recorder(VaeModel model, Map<Integer, byte[]> params) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                try {
                    params.put(m.epoch(), ModelStore.parameterBytes(model));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private TrainingResult fit(RunDirectory run, TrainOptions options, Map<Integer, byte[]> params,
            java.util.function.BooleanSupplier stop) {
        try (VaeModel model = VaeModel.create(CONFIG, 3)) {
            Trainer t = new Trainer(model, new Scripted(Families.step(model, options)), options,
                    recorder(model, params), sink(run, options), stop);
            return t.fit(train, validation);
        }
    }

    private static CheckpointSink sink(RunDirectory run, TrainOptions options) {
        return run.sink(options, train.source(), train.fingerprint(), train.size(),
                validation.size());
    }

    @Test
    void bestEpochIsTheLowestFiniteValidationLossAndTiesKeepTheEarlierOne() {
        assertEquals(0, BestEpoch.of(List.of()).epoch());
        BestEpoch b = BestEpoch.of(history(5, 3, 4, 2.5, 1e6, 2.5, Double.NaN));
        assertEquals(4, b.epoch());
        assertEquals(2.5, b.value());
        assertEquals(7, b.lastEpoch());
        assertEquals(3, b.epochsWithoutImprovement());
        assertFalse(b.lastIsBest());
        assertTrue(BestEpoch.of(history(5, 3, 2)).lastIsBest());
        BestEpoch none = BestEpoch.of(history(Double.NaN, Double.NaN));
        assertFalse(none.exists());
        assertTrue(none.lastIsBest(), "without a validation loss model/ keeps the last epoch");
    }

    private static List<EpochMetrics> history(double... val) {
        List<EpochMetrics> h = new java.util.ArrayList<>();
        List<String> names = List.of("neg_elbo", "reconstruction", "kl");
        for (int i = 0; i < val.length; i++) {
            h.add(new EpochMetrics(i + 1, Metrics.of(names, 1, 1, 0),
                    Metrics.of(names, val[i], 0, 0), 1, 1, 1));
        }
        return h;
    }

    @Test
    void earlyStopFiresAfterExactlyPatienceEpochsAndModelKeepsTheBestEpoch() throws IOException {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        Map<Integer, byte[]> params = new HashMap<>();
        TrainingResult r = fit(run, options(3), params, null);
        assertTrue(r.stoppedEarly());
        assertFalse(r.interrupted());
        assertEquals(7, r.history().size(), "epochs 5, 6, 7 bring no improvement on epoch 4");
        assertEquals(4, r.best().epoch());
        // model/ holds epoch 4's parameters, not the spike's (5) or the last (7).
        assertArrayEquals(params.get(4), Files.readAllBytes(run.model().resolve(
                ModelStore.PARAMETERS)));
        Provenance p = Json.read(run.model().resolve(ModelStore.PROVENANCE), Provenance.class);
        assertEquals(4, p.epochs());
        // The checkpoint holds the last state, which --resume continues.
        try (Checkpoint c = Checkpoint.read(run.checkpoint(), ai.djl.Device.cpu())) {
            assertEquals(7, c.header().progress().completedEpochs());
            assertArrayEquals(params.get(7), ModelStore.parameterBytes(c.model()));
        }
    }

    @Test
    void withoutEarlyStopEveryEpochTrainsAndModelStillKeepsTheBest() throws IOException {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        Map<Integer, byte[]> params = new HashMap<>();
        TrainingResult r = fit(run, options(0), params, null);
        assertFalse(r.stoppedEarly());
        assertEquals(10, r.history().size());
        assertEquals(10, r.best().epoch());
        assertArrayEquals(params.get(10), Files.readAllBytes(run.model().resolve(
                ModelStore.PARAMETERS)));
    }

    @Test
    void resumeAfterAStopMidRunKeepsTheBestAndTheCounter() throws IOException {
        RunDirectory straight = new RunDirectory(tmp.resolve("straight"));
        Map<Integer, byte[]> straightParams = new HashMap<>();
        fit(straight, options(3), straightParams, null);

        // Stopped in the middle of epoch 6 (the stop flag is polled after each of the 4 steps
        // of an epoch and once at its end): epoch 5 is done, one epoch after the best.
        RunDirectory run = new RunDirectory(tmp.resolve("resumed"));
        Map<Integer, byte[]> params = new HashMap<>();
        int[] steps = {0};
        TrainingResult first = fit(run, options(3), params, () -> ++steps[0] == 5 * 5 + 2);
        assertTrue(first.interrupted());
        assertEquals(5, first.history().size());
        assertEquals(4, first.best().epoch());

        TrainingResult second;
        try (Checkpoint c = Checkpoint.read(run.checkpoint(), ai.djl.Device.cpu())) {
            VaeModel model = (VaeModel) c.model();
            TrainOptions o = c.header().options();
            Trainer t = new Trainer(model, new Scripted(Families.step(model, o)), o,
                    recorder(model, params), sink(run, o), null);
            try (var m = model.manager().newSubManager()) {
                second = t.resume(train, validation, c.header().progress(),
                        c.optimizerState(m));
            }
        }
        assertTrue(second.stoppedEarly());
        assertEquals(7, second.history().size(), "the counter survived the resume");
        assertEquals(4, second.best().epoch());
        assertArrayEquals(straightParams.get(4), Files.readAllBytes(run.model().resolve(
                ModelStore.PARAMETERS)), "model/ is the straight run's best");

        // Resumed again with the same patience, the run has nothing left to do.
        try (Checkpoint c = Checkpoint.read(run.checkpoint(), ai.djl.Device.cpu())) {
            VaeModel model = (VaeModel) c.model();
            TrainOptions o = c.header().options();
            Trainer t = new Trainer(model, new Scripted(Families.step(model, o)), o, null,
                    sink(run, o), null);
            try (var m = model.manager().newSubManager()) {
                TrainingResult again = t.resume(train, validation, c.header().progress(),
                        c.optimizerState(m));
                assertTrue(again.stoppedEarly());
                assertEquals(7, again.history().size());
            }
        }
    }

    @Test
    void earlyStopNeedsValidationData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainOptions(10, 50, 1e-3, OptimizerKind.ADAM, 0, 1, 5, 0)
                        .withEarlyStop(3));
        assertTrue(e.getMessage().startsWith("early stop"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options(-1));
        assertThrows(IllegalArgumentException.class,
                () -> options(TrainOptions.MAX_EPOCHS + 1));
    }
}
