package org.vae4j.family.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.Random;

/**
 * The VQ-VAE's codebook and the state that trains it, all held as block parameters so that the
 * saved model and every checkpoint carry them and a resumed run continues exactly:
 *
 * <ul>
 *   <li>{@code embedding [K, D]}: the code vectors {@code e_k};
 *   <li>{@code ema_count [K]}: the moving average {@code N_k} of how many vectors chose code k;
 *   <li>{@code ema_sum [K, D]}: the moving average {@code m_k} of their sum;
 *   <li>{@code idle_steps [K]}: steps since code k was last chosen, for dead-code restarts;
 *   <li>{@code ready [1]}: 1 once the codebook has been initialised from encoder outputs.
 * </ul>
 *
 * Only {@code embedding} may take gradients (when the codebook is not moving-averaged); the rest
 * never does and belongs to no optimizer group. The update rules are static methods on arrays,
 * so that tests can check them by hand.
 */
final class Codebook extends AbstractBlock {

    private static final byte VERSION = 1;

    /** ε of the Laplace smoothing of the cluster sizes (Sonnet's and Zalando's 1e-5). */
    static final float LAPLACE_EPS = 1e-5f;

    /** Lloyd iterations of the k-means initialisation. */
    static final int KMEANS_ITERATIONS = 10;

    private final int size;
    private final int dim;
    private final Parameter embedding;
    private final Parameter count;
    private final Parameter sum;
    private final Parameter idle;
    private final Parameter ready;

    /**
     * Creates the parameters (uninitialised).
     *
     * @param size K
     * @param dim D
     * @param trainable whether the code vectors take gradients (no moving averages)
     */
    Codebook(int size, int dim, boolean trainable) {
        super(VERSION);
        this.size = size;
        this.dim = dim;
        // The reference's U(-1/K, 1/K); replaced by k-means on the first batch anyway.
        embedding = addParameter(Parameter.builder().setName("embedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(size, dim))
                .optInitializer(new UniformInitializer(1f / size)).optRequiresGrad(trainable)
                .build());
        count = addParameter(state("ema_count", new Shape(size)));
        sum = addParameter(state("ema_sum", new Shape(size, dim)));
        idle = addParameter(state("idle_steps", new Shape(size)));
        ready = addParameter(state("ready", new Shape(1)));
    }

    private static Parameter state(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(shape)
                .optInitializer(new ConstantInitializer(0f)).optRequiresGrad(false).build();
    }

    /** The code vectors, {@code [K, D]} (the live parameter). */
    NDArray embedding() {
        return embedding.getArray();
    }

    /** The code vectors' parameter, for an optimizer group. */
    Parameter embeddingParameter() {
        return embedding;
    }

    /** The code vectors as a copy on {@code m}: what a step computes with. */
    NDArray embeddingOn(NDManager m) {
        return copyOn(embedding.getArray(), m);
    }

    /** Whether the codebook has been initialised from encoder outputs. */
    boolean ready() {
        return ready.getArray().getFloat() > 0;
    }

    /**
     * The index of the nearest code of each vector, {@code argmin_k ||z_n - e_k||²} (the first
     * of equally near ones), computed as {@code ||z||² - 2 z·eᵀ + ||e||²}.
     *
     * @param z vectors {@code [N, D]}
     * @param e codes {@code [K, D]}, on z's manager
     * @return indices {@code [N]} (int64), on z's manager
     */
    static NDArray nearest(NDArray z, NDArray e) {
        NDArray zz = z.square().sum(new int[] {1}, true);
        NDArray ee = e.square().sum(new int[] {1});
        return zz.sub(z.matMul(e.transpose()).mul(2)).add(ee).argMin(1);
    }

    /**
     * The straight-through estimator {@code z + sg(q - z)}: its value is {@code q}, and the
     * gradient of anything computed from it reaches {@code z} unchanged (the quantisation, which
     * has no useful gradient, is skipped in the backward pass).
     *
     * @param z encoder outputs {@code [N, D]}, with gradient
     * @param q their codes {@code [N, D]}
     * @return {@code [N, D]}
     */
    static NDArray straightThrough(NDArray z, NDArray q) {
        return z.add(q.stopGradient().sub(z.stopGradient()));
    }

    /**
     * One exponential-moving-average update of the codebook (van den Oord et al. 2017, appendix;
     * Sonnet's {@code VectorQuantizerEMA}), in place:
     *
     * <pre>
     * N_k ← γ N_k + (1 - γ) n_k            n_k = #{i : code(z_i) = k}
     * m_k ← γ m_k + (1 - γ) Σ_{code(z_i) = k} z_i
     * Ñ_k = (N_k + ε) / (Σ_j N_j + K ε) · Σ_j N_j    (Laplace smoothing: no division by 0)
     * e_k = m_k / Ñ_k
     * </pre>
     *
     * The stored {@code N} is the unsmoothed average (as Sonnet keeps it).
     *
     * @param count {@code N [K]}, updated in place
     * @param sum {@code m [K, D]}, updated in place
     * @param embedding {@code e [K, D]}, overwritten
     * @param z the batch's encoder outputs {@code [N, D]}, without gradient
     * @param assign one-hot assignments {@code [N, K]}, on z's manager
     * @param decay γ
     * @param eps the smoothing ε
     */
    static void emaUpdate(NDArray count, NDArray sum, NDArray embedding, NDArray z,
            NDArray assign, float decay, float eps) {
        NDManager m = z.getManager();
        NDArray n = assign.sum(new int[] {0});
        NDArray dw = assign.transpose().matMul(z);
        count.muli(decay).addi(n.mul(1 - decay));
        sum.muli(decay).addi(dw.mul(1 - decay));
        NDArray c = copyOn(count, m);
        NDArray total = c.sum();
        NDArray smoothed = c.add(eps).div(total.add(size(count) * eps)).mul(total);
        assign(embedding, copyOn(sum, m).div(smoothed.expandDims(1)));
    }

    /**
     * {@link #emaUpdate(NDArray, NDArray, NDArray, NDArray, NDArray, float, float)} on this
     * codebook's state, with ε = {@value #LAPLACE_EPS}.
     *
     * @param z the batch's encoder outputs {@code [N, D]}, without gradient
     * @param assign one-hot assignments {@code [N, K]}
     * @param decay γ
     */
    void emaUpdate(NDArray z, NDArray assign, float decay) {
        emaUpdate(count.getArray(), sum.getArray(), embedding.getArray(), z, assign, decay,
                LAPLACE_EPS);
    }

    private static long size(NDArray count) {
        return count.getShape().get(0);
    }

    /**
     * Counts a step: a code chosen in the batch has been idle 0 steps, any other one step more.
     *
     * @param used how many vectors chose each code in the batch, {@code [K]}
     * @return the idle steps after this one, {@code [K]}
     */
    float[] countIdle(NDArray used) {
        NDArray steps = idle.getArray();
        steps.addi(1).muli(used.eq(0).toType(DataType.FLOAT32, false));
        return steps.toFloatArray();
    }

    /**
     * Restarts every code idle for {@code threshold} steps or more from an encoder output of the
     * batch, drawn uniformly (with {@code rng}): {@code e_k = m_k = z_r}, {@code N_k = 1}, idle 0.
     * A dead code never wins a nearest-code search again on its own; placed on a vector the
     * encoder produces now, it does.
     *
     * @param z the batch's encoder outputs {@code [N, D]}, without gradient
     * @param idleSteps each code's idle steps, {@code [K]}
     * @param threshold the idle steps that make a code dead, &gt; 0
     * @param rng picks the vectors
     * @return the restarted codes (empty when none)
     */
    int[] restartDead(NDArray z, float[] idleSteps, int threshold, Random rng) {
        int dead = 0;
        for (float s : idleSteps) {
            dead += s >= threshold ? 1 : 0;
        }
        int[] codes = new int[dead];
        if (dead == 0) {
            return codes;
        }
        long[] codeIdx = new long[dead];
        long[] rows = new long[dead];
        int n = (int) z.getShape().get(0);
        for (int k = 0, j = 0; k < idleSteps.length; k++) {
            if (idleSteps[k] >= threshold) {
                codes[j] = k;
                codeIdx[j] = k;
                rows[j++] = rng.nextInt(n);
            }
        }
        NDManager m = z.getManager();
        NDArray picked = m.create(rows).oneHot(n).matMul(z);
        NDArray place = m.create(codeIdx).oneHot(size).transpose();
        NDArray replacement = place.matMul(picked);
        NDArray chosen = place.sum(new int[] {1});
        NDArray keep = chosen.neg().add(1);
        NDArray keepRows = keep.expandDims(1);
        embedding.getArray().muli(keepRows).addi(replacement);
        sum.getArray().muli(keepRows).addi(replacement);
        count.getArray().muli(keep).addi(chosen);
        idle.getArray().muli(keep);
        return codes;
    }

    /**
     * Initialises the codebook by k-means on the first batch's encoder outputs: K distinct vectors
     * drawn as centres (with replacement when the batch has fewer than K), then {@value
     * #KMEANS_ITERATIONS} Lloyd iterations (an empty cluster keeps its centre). The moving
     * averages start from the final clusters ({@code N_k} = their sizes, {@code m_k = N_k e_k}),
     * so they need no bias correction.
     *
     * @param z encoder outputs {@code [N, D]}, without gradient
     * @param rng draws the first centres
     */
    void initialise(NDArray z, Random rng) {
        NDManager m = z.getManager();
        int n = (int) z.getShape().get(0);
        long[] rows = new long[size];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int k = 0; k < size; k++) {
            if (k < n) {
                int j = k + rng.nextInt(n - k);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
                rows[k] = order[k];
            } else {
                rows[k] = rng.nextInt(n);
            }
        }
        NDArray centres = m.create(rows).oneHot(n).matMul(z);
        NDArray counts = null;
        for (int it = 0; it <= KMEANS_ITERATIONS; it++) {
            // z and the centres join the iteration's manager for its duration, so the [N, K]
            // temporaries of every iteration are freed with it.
            try (NDManager sub = m.newSubManager()) {
                sub.tempAttachAll(z, centres);
                NDArray assign = nearest(z, centres).oneHot(size);
                NDArray sizes = assign.sum(new int[] {0});
                if (it == KMEANS_ITERATIONS) {
                    counts = sizes;
                    counts.attach(m);
                    break;
                }
                NDArray full = sizes.gt(0).toType(DataType.FLOAT32, false).expandDims(1);
                NDArray means = assign.transpose().matMul(z)
                        .div(sizes.maximum(1f).expandDims(1));
                NDArray next = means.mul(full).add(centres.mul(full.neg().add(1)));
                next.attach(m);
                centres = next;
            }
        }
        assign(embedding.getArray(), centres);
        assign(count.getArray(), counts);
        assign(sum.getArray(), centres.mul(counts.expandDims(1)));
        idle.getArray().muli(0);
        ready.getArray().muli(0).addi(1);
    }

    /** A copy of a parameter owned by {@code m}, so temporaries built on it are freed with m. */
    static NDArray copyOn(NDArray a, NDManager m) {
        NDArray c = a.duplicate();
        c.attach(m);
        return c;
    }

    /** Overwrites {@code target} in place with {@code value}. */
    private static void assign(NDArray target, NDArray value) {
        target.muli(0).addi(value);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return inputs; // the family's step and model use the methods above
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /**
     * Returns K.
     *
     * @return the number of codes
     */
    int size() {
        return size;
    }

    /**
     * Returns D.
     *
     * @return the code size
     */
    int dim() {
        return dim;
    }
}
