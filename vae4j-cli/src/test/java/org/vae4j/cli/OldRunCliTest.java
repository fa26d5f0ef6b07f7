package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.copyRun;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory written by vae4j at commit e5e6cc7, before model families existed (its
 * config.json has no family tag, its checkpoint one optimizer without group names), kept in
 * {@code src/test/resources/fixtures/run-e5e6cc7} with what that version printed for it. It must
 * still load, sample, evaluate identically and resume.
 */
class OldRunCliTest {

    @TempDir Path tmp;

    private Path fixture() throws Exception {
        Path src = Path.of(getClass().getResource("/fixtures/run-e5e6cc7").toURI());
        return copyRun(src, tmp.resolve("fixture"));
    }

    @Test
    void samplesPixelForPixelAsBefore() throws Exception {
        Path f = fixture();
        Path png = tmp.resolve("s.png");
        CliTest.Result r = run("sample", "--run", f.resolve("run").toString(), "-n", "8",
                "--seed", "7", "--out", png.toString());
        assertEquals(0, r.code(), r::toString);
        BufferedImage want = ImageIO.read(f.resolve("expected/sample.png").toFile());
        BufferedImage got = ImageIO.read(png.toFile());
        assertEquals(want.getWidth(), got.getWidth());
        assertEquals(want.getHeight(), got.getHeight());
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                assertEquals(want.getRGB(x, y), got.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void evaluatesToTheSameNumbers() throws Exception {
        Path f = fixture();
        CliTest.Result r = run("evaluate", "--run", f.resolve("run").toString(), "--json", "-k",
                "20", "--seed", "5");
        assertEquals(0, r.code(), r::toString);
        JsonObject want = parseObject(Files.readString(f.resolve("expected/evaluate.json")));
        JsonObject got = parseObject(r.out());
        for (String key : List.of("neg_elbo", "reconstruction", "kl", "images", "is_nll",
                "active_units", "kl_per_unit", "mean_variance_per_unit", "data_fingerprint")) {
            assertEquals(want.get(key), got.get(key), key);
        }
    }

    @Test
    void resumesWhereTheOldVersionDid() throws Exception {
        Path f = fixture();
        Path run = f.resolve("run");
        CliTest.Result r = run("train", "--resume", run.toString(), "--epochs", "3",
                "--no-progress");
        assertEquals(0, r.code(), r::toString);
        List<String> want = Files.readAllLines(f.resolve("expected/resumed-metrics.csv"));
        List<String> got = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(want.get(0), got.get(0));
        assertEquals(want.size(), got.size(), got::toString);
        for (int i = 1; i < want.size(); i++) {
            // Loss columns only: time, throughput and memory differ run to run.
            String[] w = want.get(i).split(",");
            String[] g = got.get(i).split(",");
            for (int c = 0; c < 7; c++) {
                assertEquals(w[c], g[c], "row " + i + " column " + c);
            }
        }
        assertTrue(Files.readString(run.resolve("model/config.json")).contains("\"family\""),
                "the resumed run's model is tagged now");
    }
}
