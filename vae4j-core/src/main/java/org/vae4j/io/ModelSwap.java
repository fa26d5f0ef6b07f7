package org.vae4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces a model directory as one unit. The new files are written to {@code NAME.new}; then
 * {@code NAME} becomes {@code NAME.old}, {@code NAME.new} becomes {@code NAME}, and {@code
 * NAME.old} goes. A kill at any point leaves one complete directory that {@link #readable} finds
 * and {@link #recover} puts back in place: the old model, or the new one. (Writing the three files
 * in place, a kill between two renames left new parameters beside old provenance, a directory
 * every command refused.)
 */
final class ModelSwap {

    /** The files a complete model directory holds; provenance is written last. */
    static final List<String> FILES =
            List.of(ModelStore.PARAMETERS, ModelStore.CONFIG, ModelStore.PROVENANCE);

    /** Writes the files of a model directory. */
    @FunctionalInterface
    interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    private ModelSwap() {}

    static Path fresh(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".new");
    }

    static Path old(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".old");
    }

    /** Whether a directory holds every file of a model. */
    static boolean complete(Path dir) {
        return Files.isDirectory(dir) && FILES.stream().allMatch(f -> Files.exists(dir.resolve(f)));
    }

    /**
     * The directory to read a model from: {@code dir} itself, or, after a save killed between
     * its renames, the complete one beside it.
     *
     * @param dir the model directory
     * @return where its complete files are ({@code dir} when there is nothing to recover)
     */
    static Path readable(Path dir) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (complete(fresh(dir))) {
            return fresh(dir);
        }
        return complete(old(dir)) ? old(dir) : dir;
    }

    /**
     * Finishes or undoes a swap a kill interrupted, so {@code dir} is a complete model again.
     *
     * @param dir the model directory
     * @throws IOException if a rename or delete fails
     */
    static void recover(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path from = complete(fresh(dir)) ? fresh(dir) : complete(old(dir)) ? old(dir) : null;
            if (from != null) {
                Files.move(from, dir, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (Files.isDirectory(dir)) {
            deleteTree(fresh(dir));
            deleteTree(old(dir));
        }
    }

    /**
     * Writes a model directory with {@code writer} as one unit.
     *
     * @param dir the model directory
     * @param writer writes the files into the directory it is given
     * @throws IOException if writing fails (the previous model stays readable)
     */
    static void replace(Path dir, DirectoryWriter writer) throws IOException {
        recover(dir);
        Path fresh = fresh(dir);
        deleteTree(fresh);
        Files.createDirectories(fresh);
        writer.write(fresh);
        Path old = old(dir);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(x);
            }
        }
    }
}
