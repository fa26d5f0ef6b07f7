package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vae4j recommend train | evaluate | for | compare} on small data. */
class RecommendCliTest {

    @TempDir Path dir;

    /** 60 users, 12 items: users 0..29 like items 0..5, users 30..59 items 6..11. */
    private Path twoTastes() throws IOException {
        StringBuilder b = new StringBuilder("user,item\n");
        for (int u = 0; u < 60; u++) {
            int base = u < 30 ? 0 : 6;
            for (int k = 0; k < 6; k++) {
                if ((u + k) % 6 != 0) {
                    b.append('u').append(u).append(",i").append(base + k).append('\n');
                }
            }
        }
        Path p = dir.resolve("two.csv");
        Files.writeString(p, b.toString());
        return p;
    }

    @Test
    void trainEvaluateAndRecommendThroughARunDirectory() throws IOException {
        Path data = twoTastes();
        Path runDir = dir.resolve("run");
        CliTest.Result r = run("recommend", "train", "--data", data.toString(), "--out",
                runDir.toString(), "--epochs", "3", "--batch", "10", "--hidden", "16",
                "--latent", "4", "--validation-users", "6", "--test-users", "6");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("multvae epoch 3/3"), r.out());
        assertTrue(r.out().contains("test users 6: Recall@20"), r.out());
        assertTrue(Files.readString(runDir.resolve("model/config.json"))
                .contains("\"family\": \"multvae\""));
        assertEquals(12, Files.readAllLines(runDir.resolve("items.txt")).size());

        r = run("recommend", "evaluate", "--run", runDir.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Mult-VAE, test users 6: Recall@20"), r.out());

        r = run("recommend", "for", "--run", runDir.toString(), "--user", "u1", "-n", "3");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("rank,item,score", lines.get(0));
        assertEquals(4, lines.size(), r.out());
        // u1 holds i0, i2, i3, i4, i5 (k = 5 skipped): none of them is recommended
        for (String l : lines.subList(1, 4)) {
            String item = l.split(",")[1];
            assertTrue(!List.of("i0", "i2", "i3", "i4", "i5").contains(item), r.out());
        }

        r = run("recommend", "for", "--run", runDir.toString(), "--items", "i6,i7", "-n", "2");
        assertEquals(0, r.code(), r.toString());
        assertEquals(3, r.out().lines().count(), r.out());
    }

    @Test
    void compareTabulatesEveryModel() throws IOException {
        CliTest.Result r = run("recommend", "compare", "--data", twoTastes().toString(),
                "--epochs", "2", "--batch", "10", "--hidden", "16", "--latent", "4",
                "--validation-users", "6", "--test-users", "6", "--ease-lambda", "1,10",
                "--knn-k", "3");
        assertEquals(0, r.code(), r.toString());
        for (String m : List.of("popularity", "item-kNN (cosine, k 3)", "EASE (lambda ",
                "Mult-DAE ", "Mult-VAE ", "Recall@20", "NDCG@100")) {
            assertTrue(r.out().contains(m), m + " missing from\n" + r.out());
        }
    }

    @Test
    void badInputIsOneLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "u1,i1\nu2\n");
        CliTest.Result r = run("recommend", "compare", "--data", bad.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("error: " + bad + ":2: expected 2 or 3 fields user,item[,value],"
                + " got 1: 'u2'"), r.errLines());

        r = run("recommend", "train", "--out", dir.resolve("x").toString(), "--epochs", "0");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--epochs must be in [1, 100000], got 0"), r.err());

        r = run("recommend", "compare", "--models", "svd");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("unknown model 'svd'"), r.err());

        r = run("recommend", "evaluate", "--run", dir.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("not a recommend run"), r.err());

        r = run("train", "--family", "multvae", "--out", dir.resolve("y").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("vae4j recommend train"), r.err());
    }
}
