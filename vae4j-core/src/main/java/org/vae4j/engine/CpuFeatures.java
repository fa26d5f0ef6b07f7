package org.vae4j.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the CPU offers, read from Linux's {@code /proc/cpuinfo}: its model name and its feature
 * flags. vae4j asks it one question, {@link #bf16()}: does the CPU have bf16 matrix units, so
 * that {@link Precision#AUTO}-chosen bf16 runs faster rather than emulated?
 *
 * @param model the first {@code model name} line, or {@code "unknown"}
 * @param flags the first {@code flags} line's flags, lower case
 */
public record CpuFeatures(String model, Set<String> flags) {

    /** The flags that mean native bf16 dot products: Intel AMX, and AVX-512 BF16 (Zen 4+). */
    public static final Set<String> BF16_FLAGS = Set.of("amx_bf16", "avx512_bf16");

    private static volatile CpuFeatures local;

    /** Copies the flags. */
    public CpuFeatures {
        model = model == null || model.isBlank() ? "unknown" : model.strip();
        flags = Set.copyOf(flags);
    }

    /**
     * Parses the text of {@code /proc/cpuinfo}: the first {@code model name} and {@code flags}
     * lines (every core lists the same ones).
     *
     * @param cpuinfo the file's text
     * @return the features; no flags if the text has none (another OS, a container without /proc)
     */
    public static CpuFeatures parse(String cpuinfo) {
        String model = null;
        Set<String> flags = null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (model == null && key.equals("model name")) {
                model = value;
            } else if (flags == null && key.equals("flags")) {
                flags = new TreeSet<>(Arrays.asList(value.toLowerCase(Locale.ROOT).split("\\s+")));
            }
        }
        return new CpuFeatures(model, flags == null ? Set.of() : flags);
    }

    /**
     * The CPU this JVM runs on, read once.
     *
     * @return its features; none if {@code /proc/cpuinfo} cannot be read
     */
    public static CpuFeatures local() {
        CpuFeatures f = local;
        if (f == null) {
            String text;
            try {
                text = Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            } catch (IOException | SecurityException e) {
                text = "";
            }
            f = parse(text);
            local = f;
        }
        return f;
    }

    /**
     * Whether the CPU computes bf16 dot products natively ({@link #BF16_FLAGS}).
     *
     * @return true for AMX or AVX-512 BF16
     */
    public boolean bf16() {
        return BF16_FLAGS.stream().anyMatch(flags::contains);
    }

    /**
     * The bf16 flags the CPU has, for reports.
     *
     * @return e.g. {@code [amx_bf16, avx512_bf16]}, possibly empty
     */
    public Set<String> bf16Flags() {
        Set<String> have = new TreeSet<>(flags);
        have.retainAll(BF16_FLAGS);
        return have;
    }
}
