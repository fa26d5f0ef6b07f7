package org.vae4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.GenerativeModel;

/**
 * Applies parameter updates and owns the optimizer's state (Adam's moments, RMSprop's squares,
 * SGD's momentum buffers), which DJL's optimizers keep private. Owning it lets a checkpoint save
 * and restore it, so a resumed run continues exactly where it stopped.
 *
 * <p>Adam runs PyTorch's fused multi-tensor kernel through {@link FusedAdam} (falling back to
 * DJL's per-parameter Adam where that is unavailable); SGD uses DJL's native update (one call per
 * parameter, which also zeroes the gradient); RMSprop is composed from tensor ops inside an {@link NDScope}, so its
 * temporaries are freed every step.
 */
public final class ParameterOptimizer implements AutoCloseable {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    /** ε of Adam and RMSprop for the batch-sum loss, as in torch.optim. */
    private static final float ADAM_EPS = 1e-8f;
    private static final float RMS_ALPHA = 0.99f;

    private final OptimizerKind kind;
    private float learningRate;
    /** ε of Adam and RMSprop for the batch-mean loss; see the constructor. */
    private final float eps;
    private final float momentum;
    private final List<Parameter> parameters = new ArrayList<>();
    private final NDManager manager;
    private final NDArray[] first;
    private final NDArray[] second;
    private final NDArray[] stepCounters;
    private final FusedAdam fused;
    private long steps;

    /**
     * Creates zeroed state for every parameter of a model (one group holding all of them).
     *
     * @param model the model to update
     * @param options learning rate, kind and momentum
     */
    public ParameterOptimizer(GenerativeModel model, TrainOptions options) {
        this(model.manager(), ParameterGroup.all("model", model.block()).parameters(), options);
    }

    /**
     * Creates zeroed state for the parameters of one group.
     *
     * @param owner the manager whose sub-manager holds the state (the model's)
     * @param group the parameters to update, in the order their state is saved
     * @param options learning rate, kind and momentum
     */
    public ParameterOptimizer(NDManager owner, List<Parameter> group, TrainOptions options) {
        this.kind = options.optimizer();
        this.learningRate = (float) options.learningRate();
        this.momentum = (float) options.momentum();
        // vae4j minimises the batch-mean loss (so SGD's learning rate does not depend on the
        // batch size); PyTorch's and Keras' VAE examples the batch sum. Adam and RMSprop are
        // invariant to the loss scale except through ε, so ε is divided by the batch size: the
        // updates are then those of the sum loss with ε = 1e-8. It matters: the conv VAE (seed 1)
        // reached train -ELBO 272.35 after 4 epochs with ε = 1e-8 on the mean, 267.89 with the
        // sum, 266.80 in the PyTorch peer.
        this.eps = ADAM_EPS / options.batchSize();
        this.manager = owner.newSubManager();
        for (Parameter p : group) {
            parameters.add(p);
            // Training needs gradients even on parameters that were loaded from a file.
            p.getArray().setRequiresGradient(true);
        }
        int n = parameters.size();
        first = new NDArray[n];
        second = new NDArray[n];
        for (int i = 0; i < n; i++) {
            NDArray w = parameters.get(i).getArray();
            if (kind != OptimizerKind.SGD || momentum > 0) {
                first[i] = manager.zeros(w.getShape(), w.getDataType());
            }
            if (kind == OptimizerKind.ADAM) {
                second[i] = manager.zeros(w.getShape(), w.getDataType());
            }
        }
        if (kind == OptimizerKind.ADAM) {
            stepCounters = new NDArray[n];
            for (int i = 0; i < n; i++) {
                stepCounters[i] = manager.zeros(new ai.djl.ndarray.types.Shape());
            }
            List<NDArray> weights = new ArrayList<>();
            for (Parameter p : parameters) {
                weights.add(p.getArray());
            }
            fused = FusedAdam.create(manager, weights, first, second, stepCounters, learningRate,
                    BETA1, BETA2, eps);
        } else {
            stepCounters = new NDArray[0];
            fused = null;
        }
    }

    /**
     * Sets the step size of the following updates (a learning-rate schedule calls this at every
     * epoch). Optimizer state (moments, step count) is kept.
     *
     * @param rate the new learning rate, &gt; 0
     */
    public void setLearningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be > 0 and finite, got " + rate);
        }
        if ((float) rate == learningRate) {
            return;
        }
        learningRate = (float) rate;
        if (fused != null) {
            fused.setLearningRate(learningRate);
        }
    }

    /**
     * Returns the current learning rate.
     *
     * @return the step size of the next update
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Returns the number of updates applied so far.
     *
     * @return the step count
     */
    public long steps() {
        return steps;
    }

    /**
     * Applies one update from the gradients left by the last backward pass, then zeroes them.
     */
    public void step() {
        steps++;
        if (fused != null) {
            fused.step();
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g = w.getGradient();
                switch (kind) {
                    case ADAM:
                        adam(w, g, i);
                        break;
                    case RMSPROP:
                        rmsprop(w, g, i);
                        break;
                    default:
                        sgd(w, g, i);
                }
            }
        }
    }

    private void adam(NDArray w, NDArray g, int i) {
        double c1 = 1.0 - Math.pow(BETA1, steps);
        double c2 = 1.0 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(c2) / c1);
        w.getNDArrayInternal()
                .adamUpdate(
                        new NDList(w, g, first[i], second[i]),
                        new NDList(w),
                        learningRate,
                        corrected,
                        0f,
                        1f,
                        -1f,
                        BETA1,
                        BETA2,
                        eps,
                        false,
                        false);
    }

    private void sgd(NDArray w, NDArray g, int i) {
        NDList inputs = momentum > 0 ? new NDList(w, g, first[i]) : new NDList(w, g);
        w.getNDArrayInternal()
                .sgdUpdate(inputs, new NDList(w), learningRate, 0f, 1f, -1f, momentum, false);
    }

    /**
     * v = alpha v + (1 - alpha) g^2; w -= lr g / (sqrt(v) + eps), as torch.optim.RMSprop (eps
     * scaled to the batch-mean loss like Adam's).
     */
    private void rmsprop(NDArray w, NDArray g, int i) {
        NDArray v = first[i];
        v.muli(RMS_ALPHA).addi(g.square().muli(1 - RMS_ALPHA));
        NDArray update = g.div(v.sqrt().addi(eps)).muli(learningRate);
        w.subi(update);
        g.muli(0f);
    }

    /**
     * Exports the state for a checkpoint: arrays named {@code first.i} and {@code second.i}.
     *
     * @return the state (views of the live arrays; encode before the next step)
     */
    public NDList state() {
        NDList list = new NDList();
        for (int i = 0; i < parameters.size(); i++) {
            if (first[i] != null) {
                first[i].setName("first." + i);
                list.add(first[i]);
            }
            if (second[i] != null) {
                second[i].setName("second." + i);
                list.add(second[i]);
            }
        }
        return list;
    }

    /**
     * Restores state exported by {@link #state()}.
     *
     * @param saved the arrays
     * @param savedSteps the step count at export
     * @throws IllegalArgumentException if the arrays do not match this optimizer's state
     */
    public void restore(NDList saved, long savedSteps) {
        if (steps != 0) {
            throw new IllegalStateException("restore must precede the first step, at step " + steps);
        }
        NDList mine = state();
        if (saved.size() != mine.size()) {
            throw new IllegalArgumentException(
                    "optimizer state has "
                            + saved.size()
                            + " arrays, expected "
                            + mine.size()
                            + " for "
                            + kind.id());
        }
        for (int i = 0; i < mine.size(); i++) {
            NDArray src = saved.get(i);
            NDArray dst = mine.get(i);
            if (!src.getShape().equals(dst.getShape())) {
                throw new IllegalArgumentException(
                        "optimizer state "
                                + dst.getName()
                                + " has shape "
                                + src.getShape()
                                + ", expected "
                                + dst.getShape());
            }
            // dst is still all zeros: add in place rather than NDArray.set, which would make the
            // tensor alias a Java buffer.
            dst.addi(src);
        }
        this.steps = savedSteps;
        if (fused != null) {
            fused.setSteps(savedSteps);
        }
    }

    @Override
    public void close() {
        if (fused != null) {
            fused.close();
        }
        manager.close();
    }
}
