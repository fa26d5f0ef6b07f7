package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.data.Binarization;

/** {@link VaeConfig#network()} reads config.json's one flat hidden list per architecture. */
class NetworkTest {

    private static VaeConfig config(Architecture a, List<Integer> hidden) {
        return new VaeConfig(a, 1, 28, 28, hidden, 4, Likelihood.BERNOULLI, 0.1,
                Binarization.NONE);
    }

    @Test
    void mlpAndGatedAreHiddenWidths() {
        MlpNetwork mlp = assertInstanceOf(MlpNetwork.class,
                config(Architecture.MLP, List.of(300, 200)).network());
        assertEquals(List.of(300, 200), mlp.hidden());
        assertEquals(false, mlp.gated());
        MlpNetwork gated = assertInstanceOf(MlpNetwork.class,
                config(Architecture.GATED, List.of(300)).network());
        assertEquals(true, gated.gated());
    }

    @Test
    void convIsChannelsThenDenseWidthWithTheBottomMap() {
        ConvNetwork conv = assertInstanceOf(ConvNetwork.class,
                config(Architecture.CONV, List.of(32, 64, 16)).network());
        assertEquals(List.of(32, 64), conv.channels());
        assertEquals(16, conv.denseUnits());
        // 28 / 2 / 2 = 7 after two stride-2 layers.
        assertEquals(7, conv.bottomHeight());
        assertEquals(7, conv.bottomWidth());
        ConvNetwork three = (ConvNetwork) new VaeConfig(Architecture.CONV, 3, 32, 32,
                List.of(8, 16, 32, 10), 2, Likelihood.BERNOULLI, 0.1, Binarization.NONE)
                .network();
        assertEquals(List.of(8, 16, 32), three.channels());
        assertEquals(4, three.bottomHeight());
    }
}
