package org.vae4j.family.pixelcnn;

import org.vae4j.data.Binarization;
import org.vae4j.model.ModelConfig;

/**
 * The configuration a {@link PriorSampler} shows: its coder's, except that it is conditional on
 * the prior's classes (so {@code --label} and the per-class grid of {@code sample} work when the
 * prior is class-conditional and the coder is not). Never saved.
 *
 * @param base the coder's configuration
 * @param priorClasses the prior's classes, 0 for none
 */
record SampledConfig(ModelConfig base, int priorClasses) implements ModelConfig {

    @Override
    public String family() {
        return base.family();
    }

    @Override
    public int channels() {
        return base.channels();
    }

    @Override
    public int height() {
        return base.height();
    }

    @Override
    public int width() {
        return base.width();
    }

    @Override
    public int latentDim() {
        return base.latentDim();
    }

    @Override
    public Binarization binarization() {
        return base.binarization();
    }

    @Override
    public int classes() {
        return Math.max(base.classes(), priorClasses);
    }

    @Override
    public String summary() {
        return base.summary() + ", sampled through a pixelcnn prior";
    }
}
