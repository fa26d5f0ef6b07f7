package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.family.Families;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Split;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.ElboMetrics;
import org.vae4j.io.Checkpoint;
import org.vae4j.io.CheckpointHeader;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunDirectory;
import org.vae4j.io.SavedModel;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;

/**
 * Training on 2000 embedded Fashion-MNIST images (1800 train, 200 validation) with a
 * 784-64-8 MLP: learning, reproducibility, exact resume, stop requests and NaN handling.
 */
class TrainerTest {

    private static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 28, 28).withHidden(List.of(64)).withLatentDim(8);
    /** 2 epochs, batch 64, Adam 1e-3, beta 1, seed 17, 10% validation. */
    private static final TrainOptions OPTIONS =
            new TrainOptions(2, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 17, 0.1);
    /** ceil(1800 / 64). */
    private static final int BATCHES = 29;

    private static ImageSet train;
    private static ImageSet validation;

    @TempDir Path tmp;

    @BeforeAll
    static void data() {
        EngineSetup.configure(2);
        Split split = Split.of(EmbeddedData.fashionMnistTest().first(2000), 0.1, 1);
        train = split.train();
        validation = split.validation();
        assertEquals(1800, train.size());
        assertEquals(200, validation.size());
    }

    private static CheckpointSink sink(RunDirectory run, TrainOptions options) {
        return run.sink(options, train.source(), train.fingerprint(), train.size(),
                validation.size());
    }

    private static TrainingResult fit(TrainOptions options, long modelSeed) {
        try (VaeModel model = VaeModel.create(CONFIG, modelSeed)) {
            return Families.trainer(model, options, null, null, null).fit(train, validation);
        }
    }

    private static NDArray firstWeight(org.vae4j.model.GenerativeModel model) {
        return model.block().getParameters().get(0).getValue().getArray();
    }

    @Test
    void trainingLowersValidationNegElbo() {
        try (VaeModel model = VaeModel.create(CONFIG, OPTIONS.seed())) {
            ElboMetrics untrained = model.evaluate(validation, 1000, OPTIONS.seed());
            List<EpochMetrics> seen = new ArrayList<>();
            TrainingListener listener =
                    new TrainingListener() {
                        @Override
                        public void onEpoch(EpochMetrics m) {
                            seen.add(m);
                        }
                    };
            TrainingResult r =
                    Families.trainer(model, OPTIONS, listener, null, null).fit(train, validation);
            assertFalse(r.interrupted());
            assertEquals(2, r.history().size());
            assertEquals(r.history(), seen);
            EpochMetrics e1 = r.history().get(0);
            EpochMetrics e2 = r.last();
            assertEquals(1, e1.epoch());
            assertEquals(2, e2.epoch());
            assertTrue(e2.validation("neg_elbo") < e1.validation("neg_elbo"),
                    "epoch 2 " + e2.validation("neg_elbo") + " >= epoch 1 " + e1.validation("neg_elbo"));
            assertTrue(e1.validation("neg_elbo") < untrained.negElbo(),
                    "epoch 1 " + e1.validation("neg_elbo") + " >= untrained " + untrained.negElbo());
            // Roughly 784 ln 2 = 543 nats untrained; a few epochs reach well below 400.
            assertTrue(untrained.negElbo() > 450, "untrained " + untrained.negElbo());
            assertTrue(e2.validation("neg_elbo") < 0.85 * untrained.negElbo(), "epoch 2 " + e2);
            assertEquals(e2.validation("reconstruction") + e2.validation("kl"), e2.validation("neg_elbo"), 1e-6);
            assertEquals(e2.train("reconstruction") + e2.train("kl"), e2.train("neg_elbo"), 1e-6);
            // The recorded validation value is what evaluate() reports for the final model.
            assertEquals(model.evaluate(validation, 1000, OPTIONS.seed()).negElbo(),
                    e2.validation("neg_elbo"), 1e-9);
            assertEquals(2 * BATCHES, r.progress().optimizerSteps());
            assertTrue(e2.seconds() > 0 && e2.imagesPerSecond() > 0, e2.toString());
        }
    }

    @Test
    void sameSeedGivesIdenticalHistoryAndAnotherSeedDoesNot() {
        TrainingResult a = fit(OPTIONS, OPTIONS.seed());
        TrainingResult b = fit(OPTIONS, OPTIONS.seed());
        TrainOptions other = new TrainOptions(2, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 18, 0.1);
        TrainingResult c = fit(other, other.seed());
        for (int e = 0; e < 2; e++) {
            EpochMetrics ma = a.history().get(e);
            EpochMetrics mb = b.history().get(e);
            assertEquals(ma.train("neg_elbo"), mb.train("neg_elbo"), 0.0, "epoch " + (e + 1));
            assertEquals(ma.train("kl"), mb.train("kl"), 0.0, "epoch " + (e + 1));
            assertEquals(ma.validation("neg_elbo"), mb.validation("neg_elbo"), 0.0, "epoch " + (e + 1));
            assertNotEquals(ma.train("neg_elbo"), c.history().get(e).train("neg_elbo"),
                    "seed 18 repeated seed 17's epoch " + (e + 1));
        }
    }

    /**
     * Two epochs straight through versus one epoch, a checkpoint, and a resume in a fresh model
     * read from that checkpoint: epoch 2 and the final parameters must be identical.
     */
    static Stream<TrainOptions> resumeOptions() {
        return Stream.of(
                OPTIONS,
                new TrainOptions(2, 64, 1e-3, OptimizerKind.RMSPROP, 0, 1, 17, 0.1),
                new TrainOptions(2, 64, 0.005, OptimizerKind.SGD, 0.9, 0.5, 17, 0.1));
    }

    @ParameterizedTest
    @MethodSource("resumeOptions")
    void resumeAtEpochBoundaryEqualsStraightRun(TrainOptions options) throws IOException {
        RunDirectory straightDir = new RunDirectory(tmp.resolve("straight"));
        RunDirectory splitDir = new RunDirectory(tmp.resolve("split"));
        TrainingResult straight;
        byte[] straightParams;
        try (VaeModel model = VaeModel.create(CONFIG, options.seed())) {
            straight =
                    Families.trainer(model, options, null, sink(straightDir, options), null)
                            .fit(train, validation);
            straightParams = ModelStore.parameterBytes(model);
        }
        TrainOptions one = options.withEpochs(1);
        try (VaeModel model = VaeModel.create(CONFIG, options.seed())) {
            TrainingResult first =
                    Families.trainer(model, one, null, sink(splitDir, one), null)
                            .fit(train, validation);
            assertFalse(first.interrupted());
            assertEquals(1, first.history().size());
            assertEquals(straight.history().get(0).train("neg_elbo"),
                    first.history().get(0).train("neg_elbo"), 0.0);
        }
        TrainingResult resumed;
        byte[] resumedParams;
        try (Checkpoint ck = Checkpoint.read(splitDir.checkpoint(), Device.cpu());
                NDManager m = EngineSetup.engine().newBaseManager()) {
            CheckpointHeader h = ck.header();
            assertEquals(1, h.progress().completedEpochs());
            assertEquals(0, h.progress().nextBatch());
            assertEquals(BATCHES, h.progress().optimizerSteps());
            assertEquals(train.fingerprint(), h.dataFingerprint());
            resumed =
                    Families.trainer(((VaeModel) ck.model()), options, null, sink(splitDir, options), null)
                            .resume(train, validation, h.progress(), ck.optimizerState(m));
            resumedParams = ModelStore.parameterBytes(((VaeModel) ck.model()));
        }
        assertFalse(resumed.interrupted());
        assertEquals(2, resumed.history().size());
        EpochMetrics s2 = straight.history().get(1);
        EpochMetrics r2 = resumed.history().get(1);
        assertEquals(2, r2.epoch());
        assertEquals(s2.train("neg_elbo"), r2.train("neg_elbo"), 0.0, "train -ELBO of epoch 2");
        assertEquals(s2.train("reconstruction"), r2.train("reconstruction"), 0.0);
        assertEquals(s2.train("kl"), r2.train("kl"), 0.0);
        assertEquals(s2.validation("neg_elbo"), r2.validation("neg_elbo"), 0.0, "validation -ELBO of epoch 2");
        assertArrayEquals(straightParams, resumedParams, "final parameters differ");
        assertEquals(2 * BATCHES, resumed.progress().optimizerSteps());

        // The run directory now holds the full history and the final model.
        List<String> csv = Files.readAllLines(splitDir.metricsCsv());
        assertEquals(3, csv.size(), csv.toString());
        assertEquals("epoch,train_neg_elbo,train_reconstruction,train_kl,val_neg_elbo,"
                + "val_reconstruction,val_kl,seconds,images_per_s,rss_mb", csv.get(0));
        assertTrue(csv.get(2).startsWith("2,"), csv.get(2));
        // model/ holds the best epoch by validation -ELBO (epoch 1 for the SGD run, whose epoch
        // 2 validates worse), the same in both runs.
        int best = resumed.best().epoch();
        assertEquals(straight.best().epoch(), best);
        try (SavedModel saved = ModelStore.load(splitDir.model());
                SavedModel want = ModelStore.load(straightDir.model())) {
            byte[] kept = ModelStore.parameterBytes(saved.model());
            assertArrayEquals(ModelStore.parameterBytes(want.model()), kept);
            assertEquals(best, saved.provenance().epochs());
            assertEquals(resumed.history().get(best - 1), saved.provenance().finalMetrics());
            if (best == 2) {
                assertArrayEquals(straightParams, kept);
            }
        }
    }

    @Test
    void stopRequestCheckpointsMidEpochAndResumeCompletesIt() throws IOException {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        TrainOptions one = OPTIONS.withEpochs(1);
        AtomicInteger polls = new AtomicInteger();
        BooleanSupplier stopAfterThreeSteps = () -> polls.incrementAndGet() >= 3;
        List<TrainingProgress> interruptedAt = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void onInterrupted(TrainingProgress p) {
                        interruptedAt.add(p);
                    }
                };
        try (VaeModel model = VaeModel.create(CONFIG, OPTIONS.seed())) {
            TrainingResult r =
                    Families.trainer(model, one, listener, sink(run, one), stopAfterThreeSteps)
                            .fit(train, validation);
            assertTrue(r.interrupted());
            assertEquals(3, polls.get(), "the trainer kept stepping after the stop request");
            assertTrue(r.history().isEmpty());
            assertEquals(0, r.progress().completedEpochs());
            assertEquals(3, r.progress().nextBatch());
            assertEquals(3, r.progress().optimizerSteps());
            assertEquals(3 * 64, r.progress().partialImages());
            assertEquals(List.of(r.progress()), interruptedAt);
        }
        // Mid-epoch, only the checkpoint is written: no model directory, no metrics.
        assertFalse(Files.exists(run.model()));
        assertFalse(Files.exists(run.metricsCsv()));

        List<Integer> batches = new ArrayList<>();
        TrainingListener recorder =
                new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, double running) {
                        assertEquals(1, epoch);
                        batches.add(batch);
                    }
                };
        try (Checkpoint ck = Checkpoint.read(run.checkpoint(), Device.cpu());
                NDManager m = EngineSetup.engine().newBaseManager()) {
            TrainingProgress p = ck.header().progress();
            assertEquals(0, p.completedEpochs());
            assertEquals(3, p.nextBatch());
            assertEquals(3, p.optimizerSteps());
            assertEquals(192, p.partialImages());
            assertEquals(2, p.partialSums().size(), p.toString());
            assertTrue(p.partialSums().get(0) > 0 && p.partialSums().get(1) > 0, p.toString());
            TrainingResult r =
                    Families.trainer(((VaeModel) ck.model()), one, recorder, sink(run, one), null)
                            .resume(train, validation, p, ck.optimizerState(m));
            assertFalse(r.interrupted());
            assertEquals(1, r.history().size());
            assertEquals(1, r.progress().completedEpochs());
            assertEquals(0, r.progress().nextBatch());
            assertEquals(BATCHES, r.progress().optimizerSteps());
            assertEquals(IntStream.range(3, BATCHES).boxed().toList(), batches);
            // The epoch's mean covers all 1800 images: the carried-over sums are included.
            EpochMetrics e = r.last();
            assertTrue(Double.isFinite(e.train("neg_elbo")) && e.train("neg_elbo") > 0, e.toString());
        }
        assertTrue(Files.isRegularFile(run.model().resolve(ModelStore.PARAMETERS)));
        assertEquals(2, Files.readAllLines(run.metricsCsv()).size());
    }

    @Test
    void stopRequestAtAnEpochEndStopsAtTheBoundary() throws IOException {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        AtomicInteger polls = new AtomicInteger();
        // Polled after each of epoch 1's 29 steps, then once more after its checkpoint.
        BooleanSupplier stopAtEpochEnd = () -> polls.incrementAndGet() > BATCHES;
        try (VaeModel model = VaeModel.create(CONFIG, OPTIONS.seed())) {
            TrainingResult r =
                    Families.trainer(model, OPTIONS, null, sink(run, OPTIONS), stopAtEpochEnd)
                            .fit(train, validation);
            assertTrue(r.interrupted());
            assertEquals(BATCHES + 1, polls.get());
            assertEquals(1, r.history().size());
            assertEquals(1, r.progress().completedEpochs());
            assertEquals(0, r.progress().nextBatch());
        }
        try (SavedModel saved = ModelStore.load(run.model())) {
            assertEquals(1, saved.provenance().epochs());
        }
        assertEquals(2, Files.readAllLines(run.metricsCsv()).size());
    }

    @Test
    void hugeLearningRateEndsWithNonFiniteLoss() {
        TrainOptions wild = new TrainOptions(1, 64, 1e6, OptimizerKind.SGD, 0, 1, 17, 0.1);
        try (VaeModel model = VaeModel.create(CONFIG, 17)) {
            NonFiniteLossException e =
                    assertThrows(NonFiniteLossException.class,
                            () -> Families.trainer(model, wild, null, null, null)
                                    .fit(train, validation));
            assertTrue(e.getMessage().contains("not finite"), e.getMessage());
            assertTrue(e.getMessage().matches(".*epoch 1, batch \\d+.*"), e.getMessage());
        }
    }

    @Test
    void nanParametersStopTrainingAndKeepTheLastCheckpoint() throws IOException {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        CheckpointSink save = sink(run, OPTIONS);
        // After epoch 1 is saved, poison the first weight matrix: epoch 2's first step goes NaN.
        CheckpointSink saveThenPoison =
                (progress, model, optimizer) -> {
                    save.save(progress, model, optimizer);
                    if (progress.completedEpochs() == 1) {
                        NDArray w = firstWeight(model);
                        float[] nan = new float[(int) w.size()];
                        Arrays.fill(nan, Float.NaN);
                        w.set(nan);
                    }
                };
        byte[] afterEpoch1;
        try (VaeModel model = VaeModel.create(CONFIG, OPTIONS.seed())) {
            NonFiniteLossException e =
                    assertThrows(NonFiniteLossException.class,
                            () -> Families.trainer(model, OPTIONS, null, saveThenPoison, null)
                                    .fit(train, validation));
            assertTrue(e.getMessage().contains("not finite"), e.getMessage());
            assertTrue(e.getMessage().contains("epoch 2, batch 1"), e.getMessage());
            // The failed step applied no update: the other parameters are still finite.
            for (Pair<String, Parameter> p : model.block().getParameters().subList(1, 8)) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    assertTrue(Float.isFinite(v), p.getKey() + " holds " + v);
                }
            }
        }
        try (Checkpoint ck = Checkpoint.read(run.checkpoint(), Device.cpu())) {
            assertEquals(1, ck.header().progress().completedEpochs());
            assertEquals(1, ck.header().progress().history().size());
            for (float v : firstWeight(((VaeModel) ck.model())).toFloatArray()) {
                assertTrue(Float.isFinite(v), "checkpoint holds " + v);
            }
            afterEpoch1 = ModelStore.parameterBytes(((VaeModel) ck.model()));
        }
        try (SavedModel saved = ModelStore.load(run.model())) {
            assertArrayEquals(afterEpoch1, ModelStore.parameterBytes(((VaeModel) saved.model())));
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void oneEpochOfEachOptimizerLowersTheLoss(OptimizerKind kind) {
        // SGD at lr 0.05 with momentum 0.9 diverges here (NaN by step ~20): the loss is per
        // image, summed over 784 pixels, so its gradients are large. 0.005 learns steadily.
        TrainOptions options =
                kind == OptimizerKind.SGD
                        ? new TrainOptions(1, 64, 0.005, kind, 0.9, 1, 5, 0)
                        : new TrainOptions(1, 64, 1e-3, kind, 0, 1, 5, 0);
        try (VaeModel model = VaeModel.create(CONFIG, 5)) {
            ElboMetrics before = model.evaluate(train, 1000, 5);
            TrainingResult r = Families.trainer(model, options, null, null, null).fit(train, null);
            EpochMetrics e = r.last();
            ElboMetrics after = model.evaluate(train, 1000, 5);
            assertTrue(Double.isNaN(e.validation("neg_elbo")), "no validation set, no validation value");
            assertTrue(e.train("neg_elbo") < before.negElbo(),
                    kind + ": epoch mean " + e.train("neg_elbo") + " >= untrained "
                            + before.negElbo());
            assertTrue(after.negElbo() < 0.9 * before.negElbo(),
                    kind + ": after one epoch " + after.negElbo() + ", untrained "
                            + before.negElbo());
        }
    }

    private static float[] allParameters(VaeModel model) {
        List<float[]> parts = new java.util.ArrayList<>();
        int n = 0;
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            float[] v = p.getValue().getArray().toFloatArray();
            parts.add(v);
            n += v.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] v : parts) {
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static float[] trainedParameters(TrainOptions options) {
        try (VaeModel model = VaeModel.create(CONFIG, 5)) {
            Families.trainer(model, options, null, null, null).fit(train, null);
            return allParameters(model);
        }
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void aMilestoneScalesTheLearningRateOfTheLaterEpochs(OptimizerKind kind) {
        double lr = kind == OptimizerKind.SGD ? 0.005 : 1e-3;
        TrainOptions oneEpoch = new TrainOptions(1, 64, lr, kind, 0, 1, 5, 0);
        TrainOptions twoEpochs = oneEpoch.withEpochs(2);
        // After epoch 1 the rate drops by 1e9: epoch 2 must leave the weights (almost) as they were.
        TrainOptions frozenSecond =
                twoEpochs.withLrSchedule(new LearningRateSchedule(List.of(1), 1e-9));
        float[] afterOne = trainedParameters(oneEpoch);
        double frozen = maxAbsDifference(afterOne, trainedParameters(frozenSecond));
        double moved = maxAbsDifference(afterOne, trainedParameters(twoEpochs));
        assertTrue(frozen < 1e-6, kind + ": epoch 2 at lr " + lr * 1e-9 + " moved a weight by " + frozen);
        assertTrue(moved > 1e-3, kind + ": epoch 2 at lr " + lr + " moved the weights by only " + moved);
        // A milestone after the last epoch changes nothing.
        assertEquals(0.0, maxAbsDifference(afterOne,
                trainedParameters(oneEpoch.withLrSchedule(new LearningRateSchedule(List.of(1), 0.5)))));
    }
}
