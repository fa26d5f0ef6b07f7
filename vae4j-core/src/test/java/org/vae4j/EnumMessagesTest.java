package org.vae4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vae4j.data.BadImagePolicy;
import org.vae4j.data.Binarization;
import org.vae4j.data.ColorMode;
import org.vae4j.model.Architecture;
import org.vae4j.model.Likelihood;
import org.vae4j.train.Objective;
import org.vae4j.train.OptimizerKind;
import org.vae4j.viz.InterpolationMode;

/**
 * Every enum's parse messages and accepted spellings, written out by hand from the messages
 * before the parsers moved onto {@code org.vae4j.util.Enums}: users and scripts see these.
 */
class EnumMessagesTest {

    private static void fails(Function<String, ?> parse, String s, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> parse.apply(s));
        assertEquals(message, e.getMessage());
    }

    @Test
    void modelAndTrainingIds() {
        assertEquals(Architecture.GATED, Architecture.parse("Gated"));
        fails(Architecture::parse, "rnn", "model must be one of mlp, conv, gated, got 'rnn'");
        fails(Architecture::parse, null, "model must be one of mlp, conv, gated, got 'null'");
        fails(Architecture::parse, " mlp", "model must be one of mlp, conv, gated, got ' mlp'");
        assertEquals(Objective.IWAE, Objective.parse("IWAE"));
        fails(Objective::parse, "vi", "objective must be one of elbo, iwae, got 'vi'");
        fails(Objective::parse, null, "objective must be one of elbo, iwae, got 'null'");
        assertEquals(OptimizerKind.RMSPROP, OptimizerKind.parse("RMSprop"));
        fails(OptimizerKind::parse, "lbfgs",
                "optimizer must be one of adam, rmsprop, sgd, got 'lbfgs'");
        fails(OptimizerKind::parse, null,
                "optimizer must be one of adam, rmsprop, sgd, got 'null'");
    }

    @Test
    void likelihoodAliases() {
        assertEquals(Likelihood.BERNOULLI, Likelihood.parse("BCE"));
        assertEquals(Likelihood.GAUSSIAN, Likelihood.parse("mse"));
        assertEquals(Likelihood.GAUSSIAN_LEARNED, Likelihood.parse("gaussian_learned"));
        assertEquals(Likelihood.GAUSSIAN_IDENTITY, Likelihood.parse("Gaussian-Identity"));
        String valid = "likelihood must be one of bernoulli (bce), gaussian (mse),"
                + " gaussian-learned, gaussian-identity, got ";
        fails(Likelihood::parse, "poisson", valid + "'poisson'");
        fails(Likelihood::parse, null, valid + "'null'");
    }

    @Test
    void dataSettings() {
        assertEquals(BadImagePolicy.SKIP, BadImagePolicy.parse(" Skip "));
        fails(BadImagePolicy::parse, "warn", "bad-image policy must be skip or fail, got 'warn'");
        fails(BadImagePolicy::parse, null, "bad-image policy must be skip or fail, got null");
        assertEquals(ColorMode.GRAY, ColorMode.parse(" Grey"));
        assertEquals(ColorMode.RGB, ColorMode.parse("RGB "));
        fails(ColorMode::parse, "cmyk", "colour mode must be one of gray, rgb, auto, got 'cmyk'");
        fails(ColorMode::parse, null, "colour mode must be one of gray, rgb, auto, got null");
        assertEquals(Binarization.STATIC, Binarization.parse(" static"));
        fails(Binarization::parse, "otsu",
                "binarization must be one of none, static, dynamic, got 'otsu'");
    }

    @Test
    void interpolationMode() {
        assertEquals(InterpolationMode.SLERP, InterpolationMode.parse("SLERP"));
        fails(InterpolationMode::parse, " slerp",
                "interpolation mode must be linear or slerp, got ' slerp'");
        fails(InterpolationMode::parse, null,
                "interpolation mode must be linear or slerp, got 'null'");
    }
}
