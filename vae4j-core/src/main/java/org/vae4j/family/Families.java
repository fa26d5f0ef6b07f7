package org.vae4j.family;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import org.vae4j.family.ae.AeFamily;
import org.vae4j.family.multvae.MultVaeFamily;
import org.vae4j.family.pixelcnn.PixelCnnFamily;
import org.vae4j.family.vae.VaeFamily;
import org.vae4j.family.vqvae.VqVaeFamily;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.CheckpointSink;
import org.vae4j.train.TrainStep;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingListener;

/**
 * The one place model families are registered: the built-in ones below, then any {@link
 * ModelFamily} a jar on the class path announces in {@code
 * META-INF/services/org.vae4j.family.ModelFamily} (how a family added outside vae4j, or in test
 * code, joins without a change to the trainer or the commands).
 */
public final class Families {

    /** The family of a {@code config.json} without a {@code family} tag: every older run. */
    public static final String DEFAULT = "vae";

    private static final Map<String, ModelFamily<?>> REGISTRY = load();

    private Families() {}

    private static Map<String, ModelFamily<?>> load() {
        Map<String, ModelFamily<?>> m = new LinkedHashMap<>();
        for (ModelFamily<?> f : List.of(new VaeFamily(), new AeFamily(), new VqVaeFamily(),
                new PixelCnnFamily(), new MultVaeFamily(true), new MultVaeFamily(false))) {
            m.put(f.id(), f);
        }
        for (ModelFamily<?> f : ServiceLoader.load(ModelFamily.class)) {
            if (m.putIfAbsent(f.id(), f) != null) {
                throw new IllegalStateException("two model families have the id " + f.id());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Returns the registered ids, built-in ones first.
     *
     * @return e.g. {@code [vae, ae, vqvae]}
     */
    public static List<String> ids() {
        return new ArrayList<>(REGISTRY.keySet());
    }

    /**
     * Looks a family up by id.
     *
     * @param id e.g. {@code ae}; null means {@link #DEFAULT}
     * @return the family
     * @throws IllegalArgumentException naming the bad id and the known ones
     */
    public static ModelFamily<?> get(String id) {
        ModelFamily<?> f = REGISTRY.get(id == null ? DEFAULT : id);
        if (f == null) {
            throw new IllegalArgumentException(
                    "family must be one of " + String.join(", ", REGISTRY.keySet()) + ", got '"
                            + id + "'");
        }
        return f;
    }

    /**
     * Whether an id names a registered family.
     *
     * @param id the id
     * @return true if {@link #get} finds it
     */
    public static boolean exists(String id) {
        return REGISTRY.containsKey(id);
    }

    /**
     * The family of a configuration.
     *
     * @param config the configuration
     * @return its family
     */
    public static ModelFamily<?> of(ModelConfig config) {
        return get(config.family());
    }

    /**
     * Creates a fresh model of any family.
     *
     * @param config the configuration
     * @param seed seeds the initialisation
     * @return the model
     */
    public static GenerativeModel create(ModelConfig config, long seed) {
        return typed(config).create(config, seed);
    }

    /**
     * Reads a model's parameters.
     *
     * @param config the configuration
     * @param in the parameter stream
     * @param device where the parameters live
     * @return the model
     * @throws IOException if the stream cannot be read
     * @throws MalformedModelException if the parameters do not fit
     */
    public static GenerativeModel read(ModelConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return typed(config).read(config, in, device);
    }

    /**
     * The training step of a model.
     *
     * @param model the model
     * @param options the run's options
     * @return its family's step
     */
    public static TrainStep step(GenerativeModel model, TrainOptions options) {
        return of(model.config()).step(model, options);
    }

    /**
     * A trainer for a model of any family, with its family's step.
     *
     * @param model the model to train
     * @param options the run's options
     * @param listener receives events; may be null
     * @param sink persists state at epoch ends and on stop; may be null
     * @param stopRequested polled after every step; may be null
     * @return the trainer
     */
    public static Trainer trainer(GenerativeModel model, TrainOptions options,
            TrainingListener listener, CheckpointSink sink, BooleanSupplier stopRequested) {
        return new Trainer(model, step(model, options), options, listener, sink, stopRequested);
    }

    @SuppressWarnings("unchecked")
    private static ModelFamily<ModelConfig> typed(ModelConfig config) {
        ModelFamily<?> f = of(config);
        if (!f.configType().isInstance(config)) {
            throw new IllegalArgumentException("a " + f.id() + " model needs a "
                    + f.configType().getSimpleName() + ", got " + config.getClass().getSimpleName());
        }
        return (ModelFamily<ModelConfig>) f;
    }
}
