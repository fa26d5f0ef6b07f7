package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.data.Binarization;
import org.vae4j.engine.EngineSetup;
import org.vae4j.io.Json;

/** {@link LogVarBounds}: the clamp of the encoder's log-variances, its gradient and its file form. */
class LogVarBoundsTest {

    private static final int LATENT = 3;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static VaeConfig config(LogVarBounds bounds) {
        return new VaeConfig(Architecture.MLP, 1, 8, 8, List.of(16), LATENT,
                Likelihood.BERNOULLI, 0.1, Binarization.NONE, 0, bounds);
    }

    private static float[][] images(int n) {
        Random r = new Random(3);
        float[][] x = new float[n][64];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextFloat();
            }
        }
        return x;
    }

    @Test
    void boundedLogVariancesAreTheUnboundedOnesClamped() {
        float[][] x = images(40);
        Encoding free;
        try (VaeModel m = VaeModel.create(config(null), 5)) {
            free = m.encode(x);
        }
        // Bounds in the middle of the initial outputs, so that both sides clamp something.
        double lo = quantile(free.logvar(), 0.25);
        double hi = quantile(free.logvar(), 0.75);
        LogVarBounds bounds = new LogVarBounds(lo, hi);
        Encoding clamped;
        try (VaeModel m = VaeModel.create(config(bounds), 5)) {
            clamped = m.encode(x);
        }
        int below = 0;
        int above = 0;
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(free.mu()[i], clamped.mu()[i], "mu of image " + i);
            for (int j = 0; j < LATENT; j++) {
                float v = free.logvar()[i][j];
                below += v < lo ? 1 : 0;
                above += v > hi ? 1 : 0;
                assertEquals((float) Math.max(lo, Math.min(hi, v)), clamped.logvar()[i][j], 1e-6,
                        "logvar [" + i + "][" + j + "]");
            }
        }
        assertTrue(below > 0 && above > 0, "below " + below + ", above " + above);
    }

    @Test
    void theGradientStopsOutsideTheBounds() {
        float[][] x = images(40);
        float[][] free;
        try (VaeModel m = VaeModel.create(config(null), 5)) {
            free = m.encode(x).logvar();
        }
        double lo = quantile(free, 0.3);
        double hi = quantile(free, 0.6);
        try (VaeModel m = VaeModel.create(config(new LogVarBounds(lo, hi)), 5);
                NDManager sub = m.manager().newSubManager()) {
            // The encoder head's bias [2L]: d(sum of logvar)/d(bias of unit L + j) is the number
            // of images whose unclamped logvar j lies inside the bounds, and 0 for the mu half.
            Parameter bias = headBias(m);
            NDArray in = sub.create(flatten(x), new Shape(x.length, 64));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList post = m.block().encode(m.parameterStore(), in, true);
                gc.backward(post.get(1).sum());
            }
            float[] grad = bias.getArray().getGradient().toFloatArray();
            for (int j = 0; j < LATENT; j++) {
                assertEquals(0f, grad[j], 0f, "mu unit " + j);
                int inside = 0;
                for (float[] row : free) {
                    inside += row[j] > lo && row[j] < hi ? 1 : 0;
                }
                assertEquals(inside, grad[LATENT + j], 1e-4, "logvar unit " + j);
            }
        }
    }

    @Test
    void configsWithoutBoundsReadAsUnboundedAndBoundsRoundTrip() {
        JsonObject json = JsonParser.parseString(Json.toJson(config(null))).getAsJsonObject();
        assertTrue(!json.has("logvar_bounds"), json::toString);
        assertNull(Json.GSON.fromJson(json, VaeConfig.class).logvarBounds());
        String withBounds = Json.toJson(config(LogVarBounds.VAMPPRIOR));
        assertTrue(withBounds.contains("\"logvar_bounds\""), withBounds);
        assertEquals(config(LogVarBounds.VAMPPRIOR), Json.GSON.fromJson(withBounds, VaeConfig.class));
        assertEquals(LogVarBounds.VAMPPRIOR, config(null).withLogvarBounds(LogVarBounds.VAMPPRIOR)
                .logvarBounds());
        assertEquals(LogVarBounds.VAMPPRIOR, config(LogVarBounds.VAMPPRIOR).withLatentDim(5)
                .logvarBounds());
    }

    @Test
    void badBoundsAreRefusedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogVarBounds(2, -6));
        assertEquals("log-variance bounds need min < max, got 2.0, -6.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogVarBounds(Double.NaN, 1));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LogVarBounds.of(List.of(-6.0)));
        assertEquals("log-variance bounds are two numbers MIN,MAX, got [-6.0]", e.getMessage());
        assertEquals(new LogVarBounds(-6, 2), LogVarBounds.of(List.of(-6.0, 2.0)));
    }

    private static Parameter headBias(VaeModel m) {
        // The decoder's parameters follow the encoder's, so the first [2L] vector is the head's.
        Parameter last = null;
        StringBuilder names = new StringBuilder();
        for (Pair<String, Parameter> p : m.block().getParameters()) {
            Shape s = p.getValue().getArray().getShape();
            names.append(p.getKey()).append(s).append(' ');
            if (last == null && s.equals(new Shape(2 * LATENT))) {
                last = p.getValue();
            }
        }
        assertTrue(last != null, "no encoder head bias among " + names);
        return last;
    }

    private static double quantile(float[][] rows, double q) {
        float[] v = new float[rows.length * rows[0].length];
        int k = 0;
        for (float[] row : rows) {
            for (float f : row) {
                v[k++] = f;
            }
        }
        Arrays.sort(v);
        return v[(int) (q * (v.length - 1))] + 1e-4;
    }

    private static float[] flatten(float[][] x) {
        float[] out = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * x[i].length, x[i].length);
        }
        return out;
    }
}
