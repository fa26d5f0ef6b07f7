package org.vae4j.data;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The image files of a folder, in a fixed order, with labels from first-level sub-folders.
 *
 * @param dir the folder
 * @param files every {@code .png}, {@code .jpg} and {@code .jpeg} file (any case), found
 *     recursively, sorted by path component by component (code-point order, independent of the
 *     locale and the file system), so each sub-folder's files stay together
 * @param labels per file, the index of its first-level sub-folder among {@code classNames}; null
 *     if the images sit directly in {@code dir}
 * @param classNames the sorted names of the first-level sub-folders that hold images; empty if
 *     unlabelled
 */
record FolderListing(Path dir, List<Path> files, int[] labels, List<String> classNames) {

    /**
     * Lists a folder. Symbolic links are followed. Files and folders whose names start with a
     * dot are skipped: {@code .git}, macOS's {@code ._photo.jpg} resource forks and the like are
     * never images the user meant. Files that are not regular (a FIFO, device or socket with an
     * image name) are listed like any other, without being opened, so that the reader refuses
     * them by name under the bad-file policy instead of blocking on them.
     */
    static FolderListing of(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new InvalidDataException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidDataException(dir + ": not a directory");
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                        return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        if (!hidden(f) && isImageName(f)) {
                            found.add(dir.relativize(f));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e)
                            throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE; // a symlink cycle: seen already
                        }
                        if (isImageName(f) && !Files.isDirectory(f)) {
                            // Listed, so the reader reports it by name under the bad-file policy.
                            found.add(dir.relativize(f));
                            return FileVisitResult.CONTINUE;
                        }
                        throw new InvalidDataException(f + ": cannot list: " + e.getMessage(), e);
                    }
                });
        if (found.isEmpty()) {
            throw new ImageFolderException(ImageFolderException.Problem.NO_IMAGES,
                    dir + ": no PNG or JPEG images found");
        }
        found.sort(FolderListing::compareParts);
        return labelled(dir, found);
    }

    private static FolderListing labelled(Path dir, List<Path> found) throws IOException {
        List<Path> files = new ArrayList<>(found.size());
        TreeSet<String> classes = new TreeSet<>();
        String topLevel = null;
        for (Path rel : found) {
            files.add(dir.resolve(rel));
            if (rel.getNameCount() == 1) {
                topLevel = topLevel == null ? rel.toString() : topLevel;
            } else {
                classes.add(rel.getName(0).toString());
            }
        }
        if (classes.isEmpty()) {
            return new FolderListing(dir, files, null, List.of());
        }
        if (topLevel != null) {
            throw new InvalidDataException(dir + ": holds images both directly (" + topLevel
                    + ") and in sub-folders (" + classes.first() + "/); put every image in a"
                    + " class sub-folder, or none in sub-folders");
        }
        List<String> names = new ArrayList<>(classes);
        int[] labels = new int[found.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = names.indexOf(found.get(i).getName(0).toString());
        }
        return new FolderListing(dir, files, labels, List.copyOf(names));
    }

    /**
     * Whether a file name ends in {@code .png}, {@code .jpg} or {@code .jpeg}, in any case.
     *
     * @param file a path
     * @return true for an image name
     */
    static boolean isImageName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Component by component, each by code point: "a/z.png" before "a b/a.png" before "b.png". */
    private static int compareParts(Path a, Path b) {
        for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()); i++) {
            int c = a.getName(i).toString().compareTo(b.getName(i).toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }

    /**
     * A file's name for messages: its path relative to the folder.
     *
     * @param i index into {@link #files}
     * @return e.g. {@code "cats/001.png"}
     */
    String relative(int i) {
        return dir.relativize(files.get(i)).toString();
    }
}
