package org.vae4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR-10 binary distribution ({@code cifar-10-binary.tar.gz}, unpacked to
 * {@code cifar-10-batches-bin/}): training batches {@code data_batch_1.bin} to
 * {@code data_batch_5.bin} (10,000 images each), the test batch {@code test_batch.bin}, and the
 * class names in {@code batches.meta.txt}.
 *
 * <p>Each file is a sequence of {@value #RECORD_BYTES}-byte records: one label byte
 * {@code 0..9}, then 3,072 pixel bytes, the 1,024 red, 1,024 green and 1,024 blue values of a
 * 32×32 image, each plane row-major. That is already {@link ImageSet}'s channel-first
 * {@code C×H×W} layout, so pixels are copied as they are.
 */
public final class Cifar10 {
    /** Bytes per record: a label byte and {@code 3×32×32} pixels. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    /** The training batches, in reading order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin",
            "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch. */
    public static final String TEST_FILE = "test_batch.bin";
    /** One class name per line, label order. */
    public static final String META_FILE = "batches.meta.txt";

    private static final int CLASSES = 10;
    private static final int PIXELS = RECORD_BYTES - 1;

    private Cifar10() {}

    /**
     * Whether a directory looks like CIFAR-10's binary version.
     *
     * @param dir a directory
     * @return true if {@code data_batch_1.bin} or {@code test_batch.bin} is in it
     */
    public static boolean isCifar10(Path dir) {
        return Files.isRegularFile(dir.resolve(TRAIN_FILES.get(0)))
                || Files.isRegularFile(dir.resolve(TEST_FILE));
    }

    /**
     * Reads the training batches present among {@code data_batch_1.bin..data_batch_5.bin} (all
     * five in the full distribution: 50,000 images).
     *
     * @param dir the directory
     * @return {@code 3×32×32} images with labels {@code 0..9}, and class names if
     *     {@code batches.meta.txt} is there
     * @throws InvalidDataException if no training batch is there or a file is malformed
     * @throws IOException on other read errors
     */
    public static ImageSet train(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : TRAIN_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                files.add(dir.resolve(name));
            }
        }
        if (files.isEmpty()) {
            throw new InvalidDataException(dir + ": no data_batch_1.bin .. data_batch_5.bin"
                    + " (CIFAR-10 training batches)");
        }
        return read(files, dir.resolve(META_FILE));
    }

    /**
     * Reads {@code test_batch.bin} (10,000 images in the full distribution).
     *
     * @param dir the directory
     * @return {@code 3×32×32} images with labels {@code 0..9}, and class names if
     *     {@code batches.meta.txt} is there
     * @throws InvalidDataException if the file is missing or malformed
     * @throws IOException on other read errors
     */
    public static ImageSet test(Path dir) throws IOException {
        Path file = dir.resolve(TEST_FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidDataException(dir + ": no " + TEST_FILE + " (CIFAR-10 test batch)");
        }
        return read(List.of(file), dir.resolve(META_FILE));
    }

    /**
     * Reads CIFAR-10 binary files, one after the other, into one set.
     *
     * @param files the batch files, at least one
     * @param metaOrNull a {@code batches.meta.txt} to take class names from; ignored if null or
     *     missing
     * @return the images of all files, in file and record order; the source names the files
     * @throws InvalidDataException if a file is empty, not a whole number of records long, or
     *     holds a label above 9, or the class names are not 10 lines
     * @throws IOException on other read errors
     */
    public static ImageSet read(List<Path> files, Path metaOrNull) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no CIFAR-10 files given");
        }
        long total = 0;
        long[] counts = new long[files.size()];
        for (int f = 0; f < files.size(); f++) {
            counts[f] = recordCount(files.get(f));
            total += counts[f];
        }
        if (total * PIXELS > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(files.get(0) + ": " + total + " CIFAR-10 records are"
                    + " more than one Java array holds");
        }
        byte[] pixels = new byte[(int) total * PIXELS];
        int[] labels = new int[(int) total];
        int next = 0;
        for (int f = 0; f < files.size(); f++) {
            readRecords(files.get(f), (int) counts[f], pixels, labels, next);
            next += (int) counts[f];
        }
        List<String> names = metaOrNull != null && Files.isRegularFile(metaOrNull)
                ? classNames(metaOrNull) : null;
        String source = files.size() == 1 ? files.get(0).toString()
                : files.get(0).getParent() + " (" + files.stream()
                        .map(p -> p.getFileName().toString())
                        .reduce((a, b) -> a + ", " + b).orElseThrow() + ")";
        return new ImageSet(pixels, (int) total, 3, 32, 32, labels, names, source);
    }

    private static long recordCount(Path file) throws IOException {
        long size = Files.size(file);
        if (size % RECORD_BYTES != 0) {
            throw new InvalidDataException(file + ": CIFAR-10 binary file is " + size
                    + " bytes, not a multiple of " + RECORD_BYTES + " (truncated?)");
        }
        if (size == 0) {
            throw new InvalidDataException(file + ": CIFAR-10 binary file is empty");
        }
        return size / RECORD_BYTES;
    }

    private static void readRecords(Path file, int count, byte[] pixels, int[] labels, int first)
            throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            for (int r = 0; r < count; r++) {
                int label = in.readUnsignedByte();
                if (label >= CLASSES) {
                    throw new InvalidDataException(file + ": record " + r + " (byte offset "
                            + (long) r * RECORD_BYTES + ") has label " + label
                            + ", expected 0..9 (not a CIFAR-10 file? CIFAR-100 is not supported)");
                }
                labels[first + r] = label;
                in.readFully(pixels, (first + r) * PIXELS, PIXELS);
            }
        } catch (EOFException e) {
            // The size was checked: the file shrank while it was read.
            throw new InvalidDataException(file + ": ended early while reading (changed on disk?)",
                    e);
        }
    }

    private static List<String> classNames(Path meta) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        if (names.size() != CLASSES) {
            throw new InvalidDataException(meta + ": expected 10 class names (one per line),"
                    + " found " + names.size());
        }
        return names;
    }
}
