package org.vae4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading the CPU's bf16 flags, and what {@code auto} makes of them. */
class PrecisionTest {

    private static final String ZEN5 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 9B45
            flags\t\t: fpu vme sse2 avx2 avx512f avx512bw avx512_bf16 avx512_vnni
            processor\t: 1
            model name\t: some other line the parser must not take
            flags\t\t: fpu
            """;
    private static final String SAPPHIRE_RAPIDS = """
            model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz
            flags\t\t: fpu avx512f amx_bf16 amx_tile amx_int8 avx512_fp16
            """;
    private static final String ZEN3 = """
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu sse2 avx avx2 fma
            """;

    @Test
    void readsTheFirstModelAndFlagLines() {
        CpuFeatures f = CpuFeatures.parse(ZEN5);
        assertEquals("AMD EPYC 9B45", f.model());
        assertTrue(f.flags().contains("avx512_bf16"));
        assertTrue(f.bf16());
        assertEquals(Set.of("avx512_bf16"), f.bf16Flags());
    }

    @Test
    void amxCountsAsBf16AndAvx2DoesNot() {
        assertTrue(CpuFeatures.parse(SAPPHIRE_RAPIDS).bf16());
        assertEquals(Set.of("amx_bf16"), CpuFeatures.parse(SAPPHIRE_RAPIDS).bf16Flags());
        assertFalse(CpuFeatures.parse(ZEN3).bf16());
        // avx512_fp16 and plain avx512f are not bf16 units.
        assertFalse(CpuFeatures.parse("flags : avx512f avx512_fp16\n").bf16());
    }

    @Test
    void anUnreadableCpuinfoHasNoFlags() {
        CpuFeatures f = CpuFeatures.parse("");
        assertEquals("unknown", f.model());
        assertFalse(f.bf16());
    }

    @Test
    void autoPicksBf16OnlyWhereTheCpuHasIt() {
        assertEquals(Precision.BF16, Precision.AUTO.resolve(CpuFeatures.parse(ZEN5)));
        assertEquals(Precision.BF16, Precision.AUTO.resolve(CpuFeatures.parse(SAPPHIRE_RAPIDS)));
        assertEquals(Precision.FP32, Precision.AUTO.resolve(CpuFeatures.parse(ZEN3)));
        assertEquals(Precision.FP32, Precision.AUTO.resolve(CpuFeatures.parse("")));
        // A forced choice is kept on any CPU.
        assertEquals(Precision.BF16, Precision.BF16.resolve(CpuFeatures.parse(ZEN3)));
        assertEquals(Precision.FP32, Precision.FP32.resolve(CpuFeatures.parse(ZEN5)));
        assertEquals(CpuFeatures.local().bf16() ? Precision.BF16 : Precision.FP32,
                Precision.AUTO.resolve());
    }

    @Test
    void parsesTheThreeNamesAndRejectsOthers() {
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        assertEquals(Precision.BF16, Precision.parse("BF16"));
        assertEquals(Precision.AUTO, Precision.parse(" auto "));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
        assertEquals("precision must be fp32, bf16 or auto, got fp16", e.getMessage());
    }
}
