package org.vae4j.io;

import java.time.Instant;
import org.vae4j.engine.CpuFeatures;
import org.vae4j.engine.EngineSetup;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainOptions;

/**
 * How a saved model was made (after Tribuo's provenance): software versions, platform (float
 * results differ across CPUs and libraries), training options and seed, the data's fingerprint,
 * and the final metrics. Saved as {@code provenance.json} beside the parameters.
 *
 * @param vae4jVersion vae4j's version
 * @param djlVersion DJL's version
 * @param pytorchVersion libtorch's version
 * @param javaVersion the JVM's version
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param cpu the CPU's model name and its bf16 flags, e.g. {@code "AMD EPYC (bf16:
 *     avx512_bf16)"} (null in files written before it was recorded); with {@link
 *     TrainOptions#precision()} it says what the numbers were computed on
 * @param createdAt when the model was saved (ISO-8601)
 * @param options training options, including the seed
 * @param dataSource where the training data came from
 * @param dataFingerprint SHA-256 of the training data (before the validation split)
 * @param trainImages images trained on
 * @param validationImages images held out for validation
 * @param epochs completed epochs
 * @param trainingSeconds total training time over all epochs
 * @param finalMetrics metrics of the last completed epoch (null if none)
 * @param parametersSha256 SHA-256 of {@code parameters.params}, checked at load time
 */
public record Provenance(
        String vae4jVersion,
        String djlVersion,
        String pytorchVersion,
        String javaVersion,
        String os,
        String arch,
        String cpu,
        String createdAt,
        TrainOptions options,
        String dataSource,
        String dataFingerprint,
        int trainImages,
        int validationImages,
        int epochs,
        double trainingSeconds,
        EpochMetrics finalMetrics,
        String parametersSha256) {

    /**
     * Fills in versions, platform and time for a model about to be saved.
     *
     * @param options training options
     * @param dataSource data description
     * @param dataFingerprint data hash
     * @param trainImages training set size
     * @param validationImages validation set size
     * @param epochs completed epochs
     * @param trainingSeconds training time
     * @param finalMetrics last epoch's metrics, or null
     * @return the provenance, without the parameter hash (set by {@link ModelStore})
     */
    public static Provenance now(
            TrainOptions options,
            String dataSource,
            String dataFingerprint,
            int trainImages,
            int validationImages,
            int epochs,
            double trainingSeconds,
            EpochMetrics finalMetrics) {
        return new Provenance(
                Version.VAE4J,
                EngineSetup.djlVersion(),
                EngineSetup.pytorchVersion(),
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                cpu(CpuFeatures.local()),
                Instant.now().toString(),
                options,
                dataSource,
                dataFingerprint,
                trainImages,
                validationImages,
                epochs,
                trainingSeconds,
                finalMetrics,
                null);
    }

    /**
     * Describes a CPU for provenance and benchmark output.
     *
     * @param f its features
     * @return {@code "MODEL (bf16: FLAGS)"}, or {@code "MODEL (no bf16)"}
     */
    public static String cpu(CpuFeatures f) {
        return f.model() + (f.bf16() ? " (bf16: " + String.join(", ", f.bf16Flags()) + ")"
                : " (no bf16)");
    }

    /**
     * Returns a copy carrying the parameters' hash.
     *
     * @param sha256 the hash
     * @return the copy
     */
    public Provenance withParametersSha256(String sha256) {
        return new Provenance(
                vae4jVersion, djlVersion, pytorchVersion, javaVersion, os, arch, cpu, createdAt,
                options, dataSource, dataFingerprint, trainImages, validationImages, epochs,
                trainingSeconds, finalMetrics, sha256);
    }
}
