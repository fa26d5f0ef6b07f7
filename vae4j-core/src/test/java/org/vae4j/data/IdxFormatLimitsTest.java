package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX headers that declare far more data than the file holds (issue #14): refused from the file
 * length or as the data runs out, having allocated about what the file holds, never what the
 * header claims.
 */
class IdxFormatLimitsTest {
    /** What a refused read may allocate: far below the gigabytes the headers here declare. */
    private static final long ALLOCATION_LIMIT = 64L << 20;

    @TempDir Path dir;

    @Test
    void rawHeaderIsCheckedAgainstTheFileLengthBeforeAnyAllocation() throws IOException {
        // 2.7 M images of 28x28 declared (2.1 GB) in a file of 1.5 MB.
        Path f = dir.resolve("bomb-idx3-ubyte");
        writeWithHeader(f, header(IdxFormat.IMAGES_MAGIC, 2_700_000, 28, 28), 1_500_000, false);
        String m = failsAllocatingLittle(() -> IdxFormat.read(f, null));
        assertEquals(f + ": truncated: header says 2700000 images of 28x28 (2116800000 bytes)"
                + " but only 1500000 bytes follow", m);

        Path images = dir.resolve("ok-idx3-ubyte");
        IdxFormat.writeImages(images, new byte[4], 1, 2, 2);
        Path labels = dir.resolve("bomb-idx1-ubyte");
        writeWithHeader(labels, ByteBuffer.allocate(8).putInt(IdxFormat.LABELS_MAGIC)
                .putInt(Integer.MAX_VALUE - 8).array(), 1000, false);
        m = failsAllocatingLittle(() -> IdxFormat.read(images, labels));
        assertEquals(labels + ": truncated: header says 2147483639 labels (2147483639 bytes)"
                + " but only 1000 bytes follow", m);
    }

    @Test
    void gzipDataIsBufferedOnlyAsItArrives() throws IOException {
        // 2 M images declared (1.6 GB); the stream holds 1 MB of them.
        Path f = dir.resolve("bomb-idx3-ubyte.gz");
        writeWithHeader(f, header(IdxFormat.IMAGES_MAGIC, 2_000_000, 28, 28), 1 << 20, true);
        assertTrue(Files.size(f) < 10_000, "the test file should be small");
        String m = failsAllocatingLittle(() -> IdxFormat.read(f, null));
        assertEquals(f + ": truncated: header says 2000000 images of 28x28 (1568000000 bytes)"
                + " but only 1048576 bytes follow", m);
    }

    @Test
    void declarationsBeyondTheHeapBudgetAreRefusedFromTheHeader() throws IOException {
        Path f = dir.resolve("big-idx3-ubyte.gz");
        writeWithHeader(f, header(IdxFormat.IMAGES_MAGIC, 2_000_000, 28, 28), 0, true);
        String m = assertThrows(InvalidDataException.class,
                () -> IdxFormat.read(f, null, 1 << 20)).getMessage();
        assertEquals(f + ": header says 2000000 images of 28x28 (1568000000 bytes), more than"
                + " this JVM's heap can hold (limit 1048576 bytes); run with a larger -Xmx", m);

        assertEquals(512L << 20, DeclaredData.budget(1L << 30));
        assertEquals(Integer.MAX_VALUE - 8, DeclaredData.budget(64L << 30));
    }

    @Test
    void gzipDataPastTheDeclarationStopsTheReadEarly() throws IOException {
        // One 2x2 image declared, then 64 MB of zeros that a gzip of 64 KB holds.
        Path f = dir.resolve("long-idx3-ubyte.gz");
        writeWithHeader(f, header(IdxFormat.IMAGES_MAGIC, 1, 2, 2), 4 + (64 << 20), true);
        long start = System.nanoTime();
        String m = failsAllocatingLittle(() -> IdxFormat.read(f, null));
        assertTrue(m.startsWith(f + ": at least "), m);
        assertTrue(m.endsWith(" bytes of trailing data after 1 images of 2x2"), m);
        long counted = Long.parseLong(m.replaceAll(".*at least (\\d+) bytes.*", "$1"));
        assertTrue(counted > 1 << 20 && counted < 2 << 20, m);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "took too long");
    }

    private static byte[] header(int magic, int count, int rows, int cols) {
        return ByteBuffer.allocate(16).putInt(magic).putInt(count).putInt(rows).putInt(cols)
                .array();
    }

    /** Writes a header and then {@code zeros} zero bytes, streaming, gzip-compressed or not. */
    private static void writeWithHeader(Path f, byte[] header, long zeros, boolean gzip)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(f);
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            out.write(header);
            byte[] block = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
    }

    /**
     * Asserts the read fails with a one-line {@link InvalidDataException} naming the file, and
     * (where the JVM measures it) allocates less than {@link #ALLOCATION_LIMIT} on the way.
     */
    private static String failsAllocatingLittle(Executable read) {
        com.sun.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()
                ? t : null;
        assumeTrue(threads != null, "this JVM does not measure allocations");
        long before = threads.getCurrentThreadAllocatedBytes();
        InvalidDataException e = assertThrows(InvalidDataException.class, read);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOCATION_LIMIT, "allocated " + allocated + " bytes");
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }
}
