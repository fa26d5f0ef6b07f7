package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.engine.CpuFeatures;

/**
 * {@code --precision}: bf16 training is recorded with the CPU it ran on, may change on resume,
 * and a bf16 or fp32 model evaluates in either precision to nearly the same −ELBO.
 */
class PrecisionCliTest {

    @TempDir Path tmp;

    private static JsonObject options(Path run) throws Exception {
        return parseObject(Files.readString(run.resolve("model/provenance.json")))
                .getAsJsonObject("options");
    }

    private static double evaluate(Path run, String precision) {
        CliTest.Result r = run("evaluate", "--run", run.toString(), "--limit", "300",
                "--precision", precision, "--json", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        return parseObject(r.out()).get("neg_elbo").getAsDouble();
    }

    @Test
    void bf16TrainingIsRecordedAndMayChangeOnResume() throws Exception {
        Path bf16 = tmp.resolve("bf16");
        CliTest.Result r = run(train("--epochs", "1", "--precision", "bf16", "--out",
                bf16.toString()));
        assertEquals(0, r.code(), r::toString);
        assertEquals("BF16", options(bf16).get("precision").getAsString());
        String cpu = parseObject(Files.readString(bf16.resolve("model/provenance.json")))
                .get("cpu").getAsString();
        assertTrue(cpu.startsWith(CpuFeatures.local().model()), cpu);
        assertTrue(Files.readString(bf16.resolve("report.html"))
                .contains("Precision</dt><dd>bf16 on " + cpu + "</dd>"), "report's precision");

        // Resuming keeps the saved precision unless --precision says otherwise.
        r = run("train", "--resume", bf16.toString(), "--epochs", "2", "--no-progress",
                "--threads", "2", "--precision", "fp32");
        assertEquals(0, r.code(), r::toString);
        assertEquals("FP32", options(bf16).get("precision").getAsString());

        double fp32 = evaluate(bf16, "fp32");
        double inBf16 = evaluate(bf16, "bf16");
        assertNotEquals(fp32, inBf16, "evaluate --precision bf16 changed nothing");
        assertEquals(fp32, inBf16, 2e-3 * fp32);
    }

    @Test
    void autoIsResolvedBeforeItIsSaved() throws Exception {
        Path auto = tmp.resolve("auto");
        CliTest.Result r = run(train("--epochs", "1", "--precision", "auto",
                "--out", auto.toString()));
        assertEquals(0, r.code(), r::toString);
        assertEquals(CpuFeatures.local().bf16() ? "BF16" : "FP32",
                options(auto).get("precision").getAsString());
    }

    @Test
    void anUnknownPrecisionIsAUsageError() {
        assertUsage(run(train("--precision", "fp16", "--out", tmp.resolve("x").toString())),
                "vae4j train", "--precision", "fp32, bf16 or auto", "fp16");
        assertUsage(run("sample", "--run", tmp.toString(), "--precision", "half"),
                "vae4j sample", "--precision", "half");
    }
}
