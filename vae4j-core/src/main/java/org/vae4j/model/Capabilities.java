package org.vae4j.model;

/** Words for capabilities in messages ("a vqvae model cannot draw samples"). */
final class Capabilities {

    private Capabilities() {}

    static String verb(Class<?> capability) {
        if (capability == Sampler.class) {
            return "draw samples: it has no prior to draw codes from";
        }
        if (capability == LikelihoodScorer.class) {
            return "score a likelihood: it defines no density p(x)";
        }
        if (capability == Encoder.class) {
            return "encode images";
        }
        if (capability == Decoder.class) {
            return "decode latent codes";
        }
        if (capability == Reconstructor.class) {
            return "reconstruct images";
        }
        if (capability == Evaluator.class) {
            return "be evaluated";
        }
        return "act as " + capability.getSimpleName();
    }
}
