package org.vae4j.cli.tiny;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.family.ModelFamily;
import org.vae4j.family.NetworkSpec;
import org.vae4j.model.BlockModel;
import org.vae4j.model.Elbo;
import org.vae4j.model.Evaluator;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.Metrics;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Sampler;
import org.vae4j.train.ParameterGroup;
import org.vae4j.train.StepContext;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * A family that exists only in test code, registered through {@code
 * META-INF/services/org.vae4j.family.ModelFamily}: independent Bernoulli pixels, {@code p(x_d) =
 * sigmoid(a_d + b_d)}, with {@code a} and {@code b} in two parameter groups (so a checkpoint holds
 * two optimizers' state). It trains, checkpoints, resumes and samples through the real trainer
 * and commands, none of which names it.
 */
public final class TinyFamily implements ModelFamily<TinyFamily.Config> {

    /** The configuration: the image shape only. */
    public record Config(int channels, int height, int width, Binarization binarization)
            implements ModelConfig {
        @Override
        public String family() {
            return "tiny";
        }

        @Override
        public int latentDim() {
            return 1;
        }

        @Override
        public String summary() {
            return "tiny independent-pixel model";
        }
    }

    @Override
    public String id() {
        return "tiny";
    }

    @Override
    public String description() {
        return "test-only independent Bernoulli pixels";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config configure(NetworkSpec s) {
        return new Config(s.channels(), s.height(), s.width(), s.binarization());
    }

    @Override
    public GenerativeModel create(Config config, long seed) {
        NDManager m = EngineSetup.engine().newBaseManager();
        Block block = new Block(config);
        block.initialize(m, DataType.FLOAT32, new Shape(1, config.inputSize()));
        return new Model(config, m, block);
    }

    @Override
    public GenerativeModel read(Config config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        NDManager m = EngineSetup.engine().newBaseManager(device);
        Block block = new Block(config);
        block.loadParameters(m, in);
        return new Model(config, m, block);
    }

    @Override
    public TrainStep step(GenerativeModel model, TrainOptions options) {
        return new Step((Model) model);
    }

    /** Two parameter vectors, {@code a [D]} and {@code b [D]}. */
    static final class Block extends AbstractBlock {
        final Parameter a;
        final Parameter b;

        Block(Config c) {
            super((byte) 1);
            a = addParameter(Parameter.builder().setName("a").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(c.inputSize()))
                    .optInitializer(new ConstantInitializer(0.1f)).build());
            b = addParameter(Parameter.builder().setName("b").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(c.inputSize()))
                    .optInitializer(new ConstantInitializer(-0.2f)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                PairList<String, Object> params) {
            NDArray logits = ps.getValue(a, in.head().getDevice(), training)
                    .add(ps.getValue(b, in.head().getDevice(), training));
            return new NDList(logits.broadcast(in.head().getShape()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return inputs;
        }
    }

    /** The model: it samples and evaluates. */
    static final class Model extends BlockModel<Config> implements Sampler, Evaluator {
        Model(Config c, NDManager m, Block b) {
            super(c, m, b);
        }

        float[] probabilities() {
            Block blk = (Block) block();
            NDArray logits = blk.a.getArray().add(blk.b.getArray());
            float[] p = logits.toFloatArray();
            logits.close();
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (1 / (1 + Math.exp(-p[i])));
            }
            return p;
        }

        @Override
        public float[][] sample(int n, long seed) {
            float[] p = probabilities();
            SplittableRandom r = new SplittableRandom(seed);
            float[][] out = new float[n][p.length];
            for (float[] row : out) {
                for (int d = 0; d < p.length; d++) {
                    row[d] = r.nextDouble() < p[d] ? 1f : 0f;
                }
            }
            return out;
        }

        @Override
        public float[][] sample(int n, long seed, int label) {
            config().checkLabel(label);
            return sample(n, seed);
        }

        @Override
        public Metrics evaluateMetrics(ImageSet data, int batchSize, long seed) {
            return Step.evaluate(this, BatchSource.of(data, batchSize, config().binarization(), 0));
        }
    }

    /** Bernoulli NLL of the batch; groups {@code a} and {@code b}. */
    static final class Step implements TrainStep {
        private final Model model;

        Step(Model model) {
            this.model = model;
        }

        @Override
        public List<ParameterGroup> groups() {
            Block blk = (Block) model.block();
            return List.of(new ParameterGroup("a", List.of(blk.a)),
                    new ParameterGroup("b", List.of(blk.b)));
        }

        @Override
        public List<String> sumNames() {
            return List.of("nll");
        }

        @Override
        public float[] step(Batch batch, StepContext context) {
            NDArray sum;
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                NDArray logits = model.block().forward(model.parameterStore(),
                        new NDList(batch.x()), true).head();
                NDArray nll = Elbo.bernoulliNll(logits, batch.x());
                gc.backward(nll.mean());
                sum = nll.sum();
            }
            return new float[] {sum.getFloat()};
        }

        @Override
        public Metrics metrics(double[] sums, long rows) {
            return Metrics.of(List.of("nll"), sums[0] / rows);
        }

        @Override
        public Metrics evaluate(BatchSource validation, long seed) {
            return evaluate(model, validation);
        }

        static Metrics evaluate(Model model, BatchSource source) {
            double sum = 0;
            for (int i = 0; i < source.batches(); i++) {
                try (NDManager bm = model.manager().newSubManager()) {
                    Batch b = source.batch(bm, i);
                    NDArray logits = model.block().forward(model.parameterStore(),
                            new NDList(b.x()), false).head();
                    sum += Elbo.bernoulliNll(logits, b.x()).sum().getFloat();
                }
            }
            return Metrics.of(List.of("nll"), sum / source.size());
        }
    }
}
