package org.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the data a file's header declares without trusting the header with an allocation: a
 * header is a few bytes anyone can write, and one claiming millions of images would otherwise
 * make the reader allocate gigabytes for a file of kilobytes. Used by {@link IdxFormat}.
 */
final class DeclaredData {
    /** The largest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The first allocation when the length is unknown; doubled as data arrives. */
    private static final int FIRST_CHUNK = 1 << 16;
    /** How much trailing data is counted for the error message before reading stops. */
    private static final long TRAILING_COUNTED = 1 << 20;

    private DeclaredData() {}

    /**
     * The most decoded bytes one file may declare in a JVM of this maximum heap: half of it, so
     * that the data and one copy of it (splits and subsets copy pixels) fit, and never more than
     * one Java array holds. A header declaring more is refused before anything is allocated.
     *
     * @param maxHeap {@link Runtime#maxMemory()}
     * @return bytes
     */
    static long budget(long maxHeap) {
        return Math.min(MAX_ARRAY, maxHeap / 2);
    }

    /**
     * Reads the {@code size} bytes a header declares, and checks that nothing follows. A header
     * is never trusted with an allocation: a raw file's remaining length must equal the declared
     * size before anything is read; otherwise (gzip) the buffer grows only as decoded data
     * arrives, never beyond the declared size, so a small file claiming millions of images costs
     * what it holds, and reading stops soon after the data exceeds the declaration.
     *
     * @param in the data after the header, decompressed
     * @param name names the file in messages
     * @param what the declaration in words, e.g. {@code "7 images of 28x28"}
     * @param size the declared bytes, at most {@link #MAX_ARRAY}
     * @param remaining bytes after the header in a raw file, or negative if unknown
     * @param budget the most bytes that may be declared (see {@link #budget})
     * @return exactly {@code size} bytes
     * @throws InvalidDataException naming the file if the data is shorter or longer than
     *     declared, or the declaration exceeds the budget
     * @throws IOException if reading fails
     */
    static byte[] read(InputStream in, String name, String what, long size,
            long remaining, long budget) throws IOException {
        if (remaining >= 0 && remaining < size) {
            throw truncated(name, what, size, remaining);
        }
        if (remaining > size) {
            throw trailing(name, what, remaining - size, false);
        }
        if (size > budget) {
            throw new InvalidDataException(name + ": header says " + what + " (" + size
                    + " bytes), more than this JVM's heap can hold (limit " + budget
                    + " bytes); run with a larger -Xmx");
        }
        byte[] buf = new byte[(int) (remaining == size ? size : Math.min(size, FIRST_CHUNK))];
        int got = 0;
        while (got < size) {
            if (got == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
            }
            int n = in.read(buf, got, buf.length - got);
            if (n < 0) {
                throw truncated(name, what, size, got);
            }
            got += n;
        }
        checkEnd(in, name, what);
        return buf;
    }

    private static InvalidDataException truncated(String name, String what, long size,
            long got) {
        return new InvalidDataException(name + ": truncated: header says " + what + " ("
                + size + " bytes) but only " + got + " bytes follow");
    }

    private static InvalidDataException trailing(String name, String what, long extra,
            boolean atLeast) {
        return new InvalidDataException(name + ": " + (atLeast ? "at least " : "") + extra
                + " bytes of trailing data after " + what);
    }

    /**
     * Refuses data after the declared end. Counts it up to {@link #TRAILING_COUNTED} bytes only:
     * a gzip stream may decode to gigabytes past a header that declares one image.
     */
    private static void checkEnd(InputStream in, String name, String what) throws IOException {
        byte[] buf = new byte[1 << 16];
        long extra = 0;
        for (int n; extra <= TRAILING_COUNTED && (n = in.read(buf)) >= 0; ) {
            extra += n;
        }
        if (extra > 0) {
            throw trailing(name, what, extra, extra > TRAILING_COUNTED);
        }
    }
}
