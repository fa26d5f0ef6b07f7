package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;

/** The convolutional architecture: layout checks, shapes, parameter count, save and load. */
class ConvVaeTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    @Test
    void kerasShapeHasThePeersParameterCount() {
        // torch_vae.py --model conv (latent 2): c1 1*32*9+32, c2 32*64*9+64, fc 3136*16+16,
        // mu/logvar 2*(16*2+2), d1 2*3136+3136, t1 64*64*9+64, t2 64*32*9+32, t3 32*1*9+1 (weight [32, 1, 3, 3]).
        long expected = (288 + 32) + (18432 + 64) + (50176 + 16) + 2 * (32 + 2)
                + (6272 + 3136) + (36864 + 64) + (18432 + 32) + (288 + 1);
        try (VaeModel model = VaeModel.create(VaeConfig.conv(1, 28, 28), 1)) {
            assertEquals(expected, model.parameterCount());
        }
    }

    @Test
    void encodesAndDecodesRgbImages() {
        VaeConfig cfg = VaeConfig.conv(3, 32, 32).withHidden(List.of(8, 16, 12)).withLatentDim(5);
        try (VaeModel model = VaeModel.create(cfg, 3)) {
            float[][] x = VaeModelTest.randomImages(7, 3 * 32 * 32, 4);
            Encoding e = model.encode(x);
            assertEquals(7, e.size());
            assertEquals(5, e.mu()[6].length);
            float[][] rec = model.reconstruct(x);
            assertEquals(3 * 32 * 32, rec[0].length);
            for (float v : rec[3]) {
                assertTrue(v >= 0 && v <= 1, "pixel means are probabilities, got " + v);
            }
        }
    }

    @Test
    void parametersRoundTrip() throws Exception {
        VaeConfig cfg = VaeConfig.conv(1, 28, 28).withHidden(List.of(4, 8, 6)).withLatentDim(3);
        float[][] x = VaeModelTest.randomImages(4, 784, 9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        float[][] before;
        try (VaeModel model = VaeModel.create(cfg, 11)) {
            before = model.encode(x).mu();
            model.writeParameters(new DataOutputStream(bytes));
        }
        try (VaeModel loaded = VaeModel.readParameters(cfg,
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                ai.djl.Device.cpu())) {
            float[][] after = loaded.encode(x).mu();
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(before[i], after[i], 0f);
            }
        }
    }

    @Test
    void rejectsImageSizesTheStridesCannotHalve() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.conv(1, 30, 28));
        assertEquals("a conv model with 2 stride-2 layers needs height and width divisible by 4,"
                + " got 30x28", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.conv(1, 28, 28).withHidden(List.of(16)));
    }
}
