package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void findsRawFiles() throws IOException {
        byte[] train = TestData.pixels(6, 3, 2, 1);
        byte[] test = TestData.pixels(4, 3, 2, 2);
        IdxFormat.writeImages(dir.resolve("train-images-idx3-ubyte"), train, 6, 3, 2);
        IdxFormat.writeLabels(dir.resolve("train-labels-idx1-ubyte"), TestData.labels(6));
        IdxFormat.writeImages(dir.resolve("t10k-images-idx3-ubyte"), test, 4, 3, 2);
        IdxFormat.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), TestData.labels(4));

        ImageSet tr = IdxDirectory.train(dir);
        assertArrayEquals(train, tr.pixelBytes());
        assertArrayEquals(TestData.labels(6), tr.labels());
        assertEquals(dir.resolve("train-images-idx3-ubyte").toString(), tr.source());
        ImageSet te = IdxDirectory.test(dir);
        assertArrayEquals(test, te.pixelBytes());
        assertArrayEquals(TestData.labels(4), te.labels());
        assertTrue(IdxDirectory.hasTest(dir));
        assertTrue(IdxDirectory.hasTrain(dir));
    }

    @Test
    void findsGzipFilesAndLabelsAreOptional() throws IOException {
        byte[] train = TestData.pixels(5, 2, 2, 3);
        IdxFormat.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), train, 5, 2, 2);
        ImageSet tr = IdxDirectory.train(dir);
        assertArrayEquals(train, tr.pixelBytes());
        assertFalse(tr.hasLabels());
        assertFalse(IdxDirectory.hasTest(dir));

        IdxFormat.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), TestData.labels(5));
        assertArrayEquals(TestData.labels(5), IdxDirectory.train(dir).labels());
    }

    @Test
    void reportsMissingDirectory() {
        Path missing = dir.resolve("no-such-dir");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxDirectory.train(missing));
        assertEquals(missing + ": no such directory", e.getMessage());
    }

    @Test
    void reportsFileInsteadOfDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxDirectory.test(file));
        assertEquals(file + ": not a directory", e.getMessage());
    }

    @Test
    void reportsMissingImagesFile() throws IOException {
        IdxFormat.writeLabels(dir.resolve("train-labels-idx1-ubyte"), TestData.labels(3));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxDirectory.train(dir));
        assertEquals(dir + ": no train-images-idx3-ubyte[.gz] (expected MNIST-style IDX files)",
                e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> IdxDirectory.test(dir));
        assertTrue(e.getMessage().contains("no t10k-images-idx3-ubyte[.gz]"), e.getMessage());
    }

    @Test
    void reportsMismatchedLabelsByName() throws IOException {
        IdxFormat.writeImages(dir.resolve("t10k-images-idx3-ubyte"), new byte[8], 2, 2, 2);
        IdxFormat.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {1, 2, 3});
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxDirectory.test(dir));
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte.gz") + ": 3 labels but 2 images in "
                + dir.resolve("t10k-images-idx3-ubyte"), e.getMessage());
    }
}
