package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFormatTest {
    private static final int N = 7;
    private static final int ROWS = 5;
    private static final int COLS = 4;

    @TempDir
    Path dir;

    private final byte[] pixels = TestData.pixels(N, ROWS, COLS, 42);
    private final int[] labels = TestData.labels(N);

    @Test
    void roundTripRaw() throws IOException {
        assertRoundTrip(dir.resolve("images-idx3-ubyte"), dir.resolve("labels-idx1-ubyte"));
        // Raw files really are raw: the header is readable in the bytes.
        byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("images-idx3-ubyte")), 4);
        assertArrayEquals(new byte[] {0, 0, 8, 3}, head);
    }

    @Test
    void roundTripGzip() throws IOException {
        Path images = dir.resolve("images-idx3-ubyte.gz");
        assertRoundTrip(images, dir.resolve("labels-idx1-ubyte.gz"));
        byte[] head = Arrays.copyOf(Files.readAllBytes(images), 2);
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, head);
    }

    private void assertRoundTrip(Path images, Path labelsFile) throws IOException {
        IdxFormat.writeImages(images, pixels, N, ROWS, COLS);
        IdxFormat.writeLabels(labelsFile, labels);
        ImageSet s = IdxFormat.read(images, labelsFile);
        assertEquals(N, s.size());
        assertEquals(1, s.channels());
        assertEquals(ROWS, s.height());
        assertEquals(COLS, s.width());
        assertArrayEquals(pixels, s.pixelBytes());
        assertArrayEquals(labels, s.labels());
        assertEquals(images.toString(), s.source());
        assertArrayEquals(labels, IdxFormat.readLabels(labelsFile));

        ImageSet unlabelled = IdxFormat.read(images, null);
        assertFalse(unlabelled.hasLabels());
        assertNull(unlabelled.labels());
        assertArrayEquals(pixels, unlabelled.pixelBytes());
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Path gz = dir.resolve("x.gz");
        IdxFormat.writeImages(gz, pixels, N, ROWS, COLS);
        Path noSuffix = dir.resolve("train-images-idx3-ubyte");
        Files.move(gz, noSuffix);
        assertEquals(0x1f, Files.readAllBytes(noSuffix)[0]);
        assertArrayEquals(pixels, IdxFormat.read(noSuffix, null).pixelBytes());

        // And a raw file named .gz is read as raw.
        Path rawNamedGz = dir.resolve("raw.gz");
        Files.write(rawNamedGz, imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels));
        assertArrayEquals(pixels, IdxFormat.read(rawNamedGz, null).pixelBytes());
    }

    @Test
    void readsFromStreams() throws IOException {
        byte[] img = gzip(imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels));
        Path l = dir.resolve("l");
        IdxFormat.writeLabels(l, labels);
        try (InputStream in = new java.io.ByteArrayInputStream(img);
                InputStream lin = Files.newInputStream(l)) {
            ImageSet s = IdxFormat.read(in, "mem-images", lin, "mem-labels", "memory");
            assertArrayEquals(pixels, s.pixelBytes());
            assertArrayEquals(labels, s.labels());
            assertEquals("memory", s.source());
        }
    }

    @Test
    void labelMagicInImagesFile() throws IOException {
        Path f = write("images-idx3-ubyte",
                imagesBytes(IdxFormat.LABELS_MAGIC, N, ROWS, COLS, pixels));
        String m = readFails(f, null);
        assertTrue(m.contains("wrong magic number 0x00000801"), m);
        assertTrue(m.contains("expected 0x00000803"), m);
        assertTrue(m.contains("label"), m);
    }

    @Test
    void imagesMagicInLabelsFile() throws IOException {
        Path images = dir.resolve("images");
        IdxFormat.writeImages(images, pixels, N, ROWS, COLS);
        String m = readFails(images, images);
        assertTrue(m.startsWith(images + ": wrong magic number 0x00000803"), m);
        assertTrue(m.contains("image"), m);
    }

    @Test
    void notAnIdxFile() throws IOException {
        Path f = write("notes.txt", "hello, world, this is text".getBytes("US-ASCII"));
        String m = readFails(f, null);
        assertTrue(m.contains("wrong magic number 0x68656c6c"), m);
        assertTrue(m.contains("not an IDX file"), m);
    }

    @Test
    void truncatedPixelData() throws IOException {
        byte[] full = imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels);
        Path f = write("short-idx3-ubyte", Arrays.copyOf(full, full.length - 3));
        String m = readFails(f, null);
        assertTrue(m.contains("truncated"), m);
        assertTrue(m.contains(N + " images of " + ROWS + "x" + COLS), m);
        assertTrue(m.contains("(" + N * ROWS * COLS + " bytes) but only "
                + (N * ROWS * COLS - 3) + " bytes follow"), m);
    }

    @Test
    void truncatedPixelDataInGzip() throws IOException {
        byte[] full = imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels);
        Path f = write("short-idx3-ubyte.gz", gzip(Arrays.copyOf(full, full.length - 1)));
        String m = readFails(f, null);
        assertTrue(m.contains("truncated"), m);
        assertTrue(m.contains("but only " + (N * ROWS * COLS - 1) + " bytes follow"), m);
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] full = imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels);
        Path f = write("hdr-idx3-ubyte", Arrays.copyOf(full, 10));
        String m = readFails(f, null);
        assertTrue(m.contains("truncated header: 10 bytes"), m);

        Path empty = write("empty-idx3-ubyte", new byte[0]);
        m = readFails(empty, null);
        assertTrue(m.contains("truncated header: 0 bytes (empty file)"), m);

        Path labelsFile = write("lab-idx1-ubyte", new byte[] {0, 0, 8, 1, 0, 0});
        m = assertThrows(InvalidDataException.class, () -> IdxFormat.readLabels(labelsFile))
                .getMessage();
        assertTrue(m.startsWith(labelsFile + ": truncated header: 6 bytes"), m);
    }

    @Test
    void trailingData() throws IOException {
        byte[] full = imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels);
        Path f = write("long-idx3-ubyte", Arrays.copyOf(full, full.length + 5));
        String m = readFails(f, null);
        assertTrue(m.contains("5 bytes of trailing data"), m);

        Path images = dir.resolve("ok-idx3-ubyte");
        IdxFormat.writeImages(images, pixels, N, ROWS, COLS);
        Path l = write("long-idx1-ubyte", gzip(labelsBytes(N, new byte[N + 2])));
        m = readFails(images, l);
        assertTrue(m.startsWith(l + ": 2 bytes of trailing data"), m);
    }

    @Test
    void labelCountDiffersFromImageCount() throws IOException {
        Path images = dir.resolve("images-idx3-ubyte");
        IdxFormat.writeImages(images, pixels, N, ROWS, COLS);
        Path l = dir.resolve("labels-idx1-ubyte");
        IdxFormat.writeLabels(l, TestData.labels(N - 1));
        String m = readFails(images, l);
        assertEquals(l + ": " + (N - 1) + " labels but " + N + " images in " + images, m);
    }

    @Test
    void missingFile() throws IOException {
        Path missing = dir.resolve("nope-idx3-ubyte");
        assertEquals(missing + ": no such file", readFails(missing, null));

        Path images = dir.resolve("images-idx3-ubyte");
        IdxFormat.writeImages(images, pixels, N, ROWS, COLS);
        Path missingLabels = dir.resolve("nope-idx1-ubyte");
        assertEquals(missingLabels + ": no such file", readFails(images, missingLabels));

        assertTrue(readFails(dir, null).startsWith(dir + ": is a directory"));
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels));
        // Bytes 10.. are the deflate data; 0xff starts a block of the reserved type 3.
        byte[] bad = gz.clone();
        Arrays.fill(bad, 10, bad.length, (byte) 0xff);
        Path f = write("bad-idx3-ubyte.gz", bad);
        String m = readFails(f, null);
        assertTrue(m.startsWith(f + ": corrupt or truncated gzip stream"), m);

        Path cut = write("cut-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        m = readFails(cut, null);
        assertTrue(m.startsWith(cut + ": corrupt or truncated gzip stream"), m);

        Path header = write("hdr-idx3-ubyte.gz", new byte[] {0x1f, (byte) 0x8b, 99});
        m = readFails(header, null);
        assertTrue(m.startsWith(header + ": corrupt or truncated gzip stream"), m);
    }

    @Test
    void zeroOrHugeDimension() throws IOException {
        Path f = write("zero-idx3-ubyte", imagesBytes(IdxFormat.IMAGES_MAGIC, 0, 28, 28,
                new byte[0]));
        assertEquals(f + ": implausible dimensions 0x28x28", readFails(f, null));

        Path g = write("cols-idx3-ubyte", imagesBytes(IdxFormat.IMAGES_MAGIC, 3, 28, 0,
                new byte[0]));
        assertEquals(g + ": implausible dimensions 3x28x0", readFails(g, null));

        Path h = write("huge-idx3-ubyte", imagesBytes(IdxFormat.IMAGES_MAGIC, 100000, 1000,
                1000, new byte[0]));
        assertEquals(h + ": implausible dimensions 100000x1000x1000", readFails(h, null));
    }

    @Test
    void messagesAreOneLine() throws IOException {
        byte[] gz = gzip(imagesBytes(IdxFormat.IMAGES_MAGIC, N, ROWS, COLS, pixels));
        Path cut = write("cut-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length - 4));
        String m = readFails(cut, null);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
    }

    @Test
    void writeRejectsBadArguments() {
        Path f = dir.resolve("x");
        assertThrows(IllegalArgumentException.class,
                () -> IdxFormat.writeImages(f, new byte[5], 1, 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> IdxFormat.writeImages(f, new byte[0], 0, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxFormat.writeLabels(f, new int[] {1, 256}));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    private String readFails(Path images, Path labelsFile) {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxFormat.read(images, labelsFile));
        String m = e.getMessage();
        Path named = m.startsWith(images.toString()) || labelsFile == null ? images : labelsFile;
        assertTrue(m.startsWith(named + ": "), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] imagesBytes(int magic, int count, int rows, int cols, byte[] data) {
        return ByteBuffer.allocate(16 + data.length).putInt(magic).putInt(count).putInt(rows)
                .putInt(cols).put(data).array();
    }

    private static byte[] labelsBytes(int count, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putInt(IdxFormat.LABELS_MAGIC).putInt(count)
                .put(data).array();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
