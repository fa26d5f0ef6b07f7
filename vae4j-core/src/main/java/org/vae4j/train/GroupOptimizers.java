package org.vae4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link ParameterOptimizer} per {@link ParameterGroup}, with their state saved and restored
 * by group name: a checkpoint's optimizer arrays are named {@code GROUP:first.i} and {@code
 * GROUP:second.i}. Arrays without a group prefix come from files written before groups existed,
 * when a run had one optimizer over all parameters; they restore the single group of such a run.
 */
public final class GroupOptimizers implements AutoCloseable {

    private final Map<String, ParameterOptimizer> optimizers = new LinkedHashMap<>();

    /**
     * Creates zeroed state for every group.
     *
     * @param owner the manager whose sub-managers hold the state (the model's)
     * @param groups the step's groups, names unique
     * @param options learning rate, kind and momentum (the same for every group)
     */
    public GroupOptimizers(NDManager owner, List<ParameterGroup> groups, TrainOptions options) {
        try {
            for (ParameterGroup g : groups) {
                if (optimizers.containsKey(g.name())) {
                    throw new IllegalArgumentException("two parameter groups are named " + g.name());
                }
                optimizers.put(g.name(), new ParameterOptimizer(owner, g.parameters(), options));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Returns the optimizer of a group.
     *
     * @param group the group's name
     * @return its optimizer
     * @throws IllegalArgumentException if there is no such group
     */
    public ParameterOptimizer of(String group) {
        ParameterOptimizer o = optimizers.get(group);
        if (o == null) {
            throw new IllegalArgumentException("no parameter group " + group + ", have "
                    + optimizers.keySet());
        }
        return o;
    }

    /**
     * Sets every group's learning rate.
     *
     * @param rate the step size, &gt; 0
     */
    public void setLearningRate(double rate) {
        for (ParameterOptimizer o : optimizers.values()) {
            o.setLearningRate(rate);
        }
    }

    /** Applies every group's update from the gradients of the last backward pass. */
    public void step() {
        for (ParameterOptimizer o : optimizers.values()) {
            o.step();
        }
    }

    /**
     * Returns the updates the first group has applied (all step together).
     *
     * @return the step count
     */
    public long steps() {
        return optimizers.values().iterator().next().steps();
    }

    /**
     * Exports every group's state, arrays named {@code GROUP:NAME}.
     *
     * @return views of the live arrays (encode before the next step)
     */
    public NDList state() {
        NDList all = new NDList();
        for (Map.Entry<String, ParameterOptimizer> e : optimizers.entrySet()) {
            for (NDArray a : e.getValue().state()) {
                a.setName(e.getKey() + ":" + a.getName());
                all.add(a);
            }
        }
        return all;
    }

    /**
     * Restores state exported by {@link #state()} (or by a single optimizer of an older file).
     *
     * @param saved the arrays
     * @param steps the step count at export
     * @throws IllegalArgumentException if a group's arrays do not match, or the file has state of
     *     a group this step lacks
     */
    public void restore(NDList saved, long steps) {
        Map<String, NDList> byGroup = new LinkedHashMap<>();
        for (String g : optimizers.keySet()) {
            byGroup.put(g, new NDList());
        }
        List<NDArray> legacy = new ArrayList<>();
        for (NDArray a : saved) {
            String name = a.getName() == null ? "" : a.getName();
            int colon = name.indexOf(':');
            if (colon < 0) {
                legacy.add(a);
                continue;
            }
            NDList list = byGroup.get(name.substring(0, colon));
            if (list == null) {
                throw new IllegalArgumentException("optimizer state " + name
                        + " belongs to no parameter group of this model (have "
                        + optimizers.keySet() + ")");
            }
            list.add(a);
        }
        if (!legacy.isEmpty()) {
            if (optimizers.size() != 1 || saved.size() != legacy.size()) {
                throw new IllegalArgumentException("optimizer state without group names fits a"
                        + " model with one parameter group, this one has " + optimizers.keySet());
            }
            byGroup.values().iterator().next().addAll(legacy);
        }
        for (Map.Entry<String, ParameterOptimizer> e : optimizers.entrySet()) {
            e.getValue().restore(byGroup.get(e.getKey()), steps);
        }
    }

    @Override
    public void close() {
        for (ParameterOptimizer o : optimizers.values()) {
            o.close();
        }
    }
}
