package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Cifar10} on binary files written by the tests. */
class Cifar10Test {

    @TempDir Path tmp;

    /** The value the tests store at (record r, channel c, row y, column x). */
    static int value(int r, int c, int y, int x) {
        return (r * 31 + c * 85 + y * 7 + x) & 0xFF;
    }

    /** {@code labels.length} records of {@link #value} pixels starting at record {@code first}. */
    static byte[] records(int first, int... labels) {
        byte[] b = new byte[labels.length * Cifar10.RECORD_BYTES];
        for (int k = 0; k < labels.length; k++) {
            int o = k * Cifar10.RECORD_BYTES;
            b[o] = (byte) labels[k];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        b[o + 1 + c * 1024 + y * 32 + x] = (byte) value(first + k, c, y, x);
                    }
                }
            }
        }
        return b;
    }

    @Test
    void readsTrainAndTestBatchesChannelFirst() throws IOException {
        Files.write(tmp.resolve("data_batch_1.bin"), records(0, 6, 9, 0));
        Files.write(tmp.resolve("data_batch_2.bin"), records(3, 1, 2));
        Files.write(tmp.resolve("test_batch.bin"), records(100, 3));
        Files.writeString(tmp.resolve("batches.meta.txt"), "airplane\nautomobile\nbird\ncat\n"
                + "deer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        assertTrue(Cifar10.isCifar10(tmp));

        ImageSet train = Cifar10.train(tmp);
        assertEquals(5, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertArrayEquals(new int[] {6, 9, 0, 1, 2}, train.labels());
        assertEquals("frog", train.classNames().get(train.label(0)));
        assertEquals(10, train.classNames().size());
        // Image 4 (second record of data_batch_2), green plane, row 5, column 7.
        assertEquals(value(4, 1, 5, 7), train.pixel(4, 1024 + 5 * 32 + 7));
        for (int i = 0; i < 5; i++) {
            for (int off : new int[] {0, 1023, 1024, 2047, 2048, 3071}) {
                int c = off / 1024;
                int y = off % 1024 / 32;
                int x = off % 32;
                assertEquals(value(i, c, y, x), train.pixel(i, off), "image " + i + " at " + off);
            }
        }
        assertTrue(train.source().contains("data_batch_1.bin, data_batch_2.bin"),
                train.source());

        ImageSet test = Cifar10.test(tmp);
        assertEquals(1, test.size());
        assertEquals(3, test.label(0));
        assertEquals(value(100, 2, 31, 31), test.pixel(0, 3071));
    }

    @Test
    void classNamesAreOptional() throws IOException {
        Files.write(tmp.resolve("test_batch.bin"), records(0, 4));
        ImageSet test = Cifar10.test(tmp);
        assertEquals(List.of(), test.classNames());
        assertEquals(4, test.label(0));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Cifar10.train(tmp));
        assertTrue(e.getMessage().contains("data_batch_1.bin"), e.getMessage());
    }

    @Test
    void wrongLengthIsReportedWithTheByteCount() throws IOException {
        Path f = tmp.resolve("data_batch_1.bin");
        byte[] two = records(0, 1, 2);
        Files.write(f, Arrays.copyOf(two, two.length - 100));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Cifar10.train(tmp));
        assertEquals(f + ": CIFAR-10 binary file is 6046 bytes, not a multiple of 3073"
                + " (truncated?)", e.getMessage());
        Files.write(f, new byte[0]);
        e = assertThrows(InvalidDataException.class, () -> Cifar10.train(tmp));
        assertEquals(f + ": CIFAR-10 binary file is empty", e.getMessage());
    }

    @Test
    void labelAboveNineNamesFileAndRecord() throws IOException {
        Path f = tmp.resolve("test_batch.bin");
        Files.write(f, records(0, 1, 10, 2));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Cifar10.test(tmp));
        assertTrue(e.getMessage().startsWith(f + ": record 1 (byte offset 3073) has label 10,"
                + " expected 0..9"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void classNameFileMustHoldTen() throws IOException {
        Files.write(tmp.resolve("test_batch.bin"), records(0, 1));
        Path meta = tmp.resolve("batches.meta.txt");
        Files.writeString(meta, "a\nb\nc\n");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Cifar10.test(tmp));
        assertEquals(meta + ": expected 10 class names (one per line), found 3", e.getMessage());
    }

    @Test
    void otherDirectoriesAreNotCifar() throws IOException {
        assertFalse(Cifar10.isCifar10(tmp));
        Files.write(tmp.resolve("data_batch_2.bin"), records(0, 1));
        assertFalse(Cifar10.isCifar10(tmp), "detection needs data_batch_1.bin or test_batch.bin");
    }
}
