package org.vae4j.eval.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.ImageSet;

/** The on-disk cache: reuse, rebuild when missing, mismatched or damaged, atomic directories. */
class ClassifierCacheTest {

    private static final ClassifierOptions TINY = new ClassifierOptions(2, 1, 16, 1e-2, 0, 3);

    @TempDir Path root;

    /** 8×8 images: class 0 bright on top, class 1 bright at the bottom, plus noise. */
    static ImageSet halves(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] p = new byte[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int y = 0; y < 8; y++) {
                boolean bright = (y < 4) == (labels[i] == 0);
                for (int x = 0; x < 8; x++) {
                    p[i * 64 + y * 8 + x] = (byte) ((bright ? 160 : 0) + rng.nextInt(90));
                }
            }
        }
        return new ImageSet(p, n, 1, 8, 8, labels, "halves seed " + seed);
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void trainsOnceThenLoadsTheSameClassifier() throws IOException {
        ClassifierCache cache = new ClassifierCache(root);
        ImageSet train = halves(64, 1);
        ImageSet test = halves(32, 2);
        float[][] probe = test.toRows(4);
        float[][] first;
        double accuracy;
        try (DomainClassifier c = cache.loadOrTrain(train, test, TINY, null).classifier()) {
            first = c.embed(probe).features();
            accuracy = c.info().testAccuracy();
        }
        Path dir = cache.directory(train.fingerprint());
        assertEquals(List.of(dir), entries(root), "one directory, no temporaries left");
        assertEquals(List.of(dir.resolve(ClassifierCache.PARAMETERS),
                dir.resolve(ClassifierCache.DESCRIPTION)), entries(dir));
        assertTrue(accuracy > 0.9, "the halves are easy, accuracy " + accuracy);
        ClassifierCache.Loaded again = cache.loadOrTrain(train, test, TINY, null);
        try (DomainClassifier c = again.classifier()) {
            assertFalse(again.trained());
            assertEquals(accuracy, c.info().testAccuracy(), 1e-6);
            for (int i = 0; i < probe.length; i++) {
                assertArrayEquals(first[i], c.embed(probe).features()[i], 0f);
            }
        }
    }

    @Test
    void aDamagedParameterFileIsRebuilt() throws IOException {
        ClassifierCache cache = new ClassifierCache(root);
        ImageSet train = halves(64, 1);
        ImageSet test = halves(32, 2);
        cache.loadOrTrain(train, test, TINY, null).classifier().close();
        Path params = cache.directory(train.fingerprint()).resolve(ClassifierCache.PARAMETERS);
        byte[] b = Files.readAllBytes(params);
        b[b.length / 2] ^= 0x40;
        Files.write(params, b);
        StringBuilder said = new StringBuilder();
        ClassifierCache.Loaded l = cache.loadOrTrain(train, test, TINY, said::append);
        l.classifier().close();
        assertTrue(l.trained());
        assertTrue(said.toString().contains("damaged"), said.toString());
        assertFalse(cache.loadOrTrain(train, test, TINY, null).trained());
    }

    @Test
    void otherOptionsOrAMismatchedDescriptionRetrain() throws IOException {
        ClassifierCache cache = new ClassifierCache(root);
        ImageSet train = halves(64, 1);
        ImageSet test = halves(32, 2);
        cache.loadOrTrain(train, test, TINY, null).classifier().close();
        ClassifierCache.Loaded other = cache.loadOrTrain(train, test, TINY.withEpochs(2), null);
        other.classifier().close();
        assertTrue(other.trained(), "other epochs: retrained");
        // A description claiming other training data is not trusted.
        Path description = cache.directory(train.fingerprint())
                .resolve(ClassifierCache.DESCRIPTION);
        String text = Files.readString(description, StandardCharsets.UTF_8)
                .replace(train.fingerprint().substring(7), "0".repeat(64));
        Files.writeString(description, text, StandardCharsets.UTF_8);
        StringBuilder said = new StringBuilder();
        ClassifierCache.Loaded l = cache.loadOrTrain(train, test, TINY.withEpochs(2),
                said::append);
        l.classifier().close();
        assertTrue(l.trained());
        assertTrue(said.toString().contains("other images"), said.toString());
        // Garbage in the description: retrained, not a crash.
        Files.writeString(description, "format=one\n", StandardCharsets.UTF_8);
        ClassifierCache.Loaded g = cache.loadOrTrain(train, test, TINY.withEpochs(2), null);
        g.classifier().close();
        assertTrue(g.trained());
    }

    @Test
    void theDefaultRootFollowsTheSystemProperty() {
        String before = System.getProperty(ClassifierCache.ROOT_PROPERTY);
        System.setProperty(ClassifierCache.ROOT_PROPERTY, root.toString());
        try {
            assertEquals(root.toAbsolutePath(), ClassifierCache.atDefaultRoot().root());
        } finally {
            if (before == null) {
                System.clearProperty(ClassifierCache.ROOT_PROPERTY);
            } else {
                System.setProperty(ClassifierCache.ROOT_PROPERTY, before);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> new ClassifierCache(root).directory("../../etc"));
    }

    @Test
    void unlabelledImagesAreRefused() {
        ImageSet train = halves(64, 1);
        ImageSet unlabelled = new ImageSet(train.pixelBytes(), 64, 1, 8, 8, null, "no labels");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassifierTraining.train(unlabelled, train, TINY, null));
        assertTrue(e.getMessage().contains("no labels"), e.getMessage());
    }
}
