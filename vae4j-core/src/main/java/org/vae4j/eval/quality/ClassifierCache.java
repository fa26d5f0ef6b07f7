package org.vae4j.eval.quality;

import ai.djl.MalformedModelException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.vae4j.data.ImageSet;
import org.vae4j.util.Hashing;

/**
 * Trained domain classifiers on disk, one directory per training set: {@code
 * ROOT/<fingerprint hex>/} holding {@value #DESCRIPTION} (what it is, its options, its test
 * accuracy, the SHA-256 of its parameters) and {@value #PARAMETERS} (DJL's block format).
 *
 * <p>{@code ROOT} is, first found: the system property {@value #ROOT_PROPERTY}, the environment
 * variable {@value #ROOT_ENV}, {@code $XDG_CACHE_HOME/vae4j/features}, {@code
 * ~/.cache/vae4j/features}. Tests set the property, so they never write to the real cache.
 *
 * <p>A classifier is retrained when its directory is missing, unreadable, describes other data,
 * another test set, other options or another format version, or its parameters do not match
 * their hash (a corrupt file). A new directory is written in full under a temporary name, then
 * renamed into place, so a reader sees the old classifier, none, or the complete new one; two
 * processes training at once both succeed, and one's directory wins.
 */
public final class ClassifierCache {

    /** System property naming the cache root. */
    public static final String ROOT_PROPERTY = "vae4j.features.cache";

    /** Environment variable naming the cache root. */
    public static final String ROOT_ENV = "VAE4J_FEATURES_CACHE";

    /** The description file. */
    public static final String DESCRIPTION = "classifier.properties";

    /** The parameter file. */
    public static final String PARAMETERS = "classifier.params";

    /** Format of the directory and the network; a change retrains every cached classifier. */
    static final int FORMAT = 1;

    private final Path root;

    /**
     * A cache in a directory (created when the first classifier is written).
     *
     * @param root the directory holding one sub-directory per training set
     */
    public ClassifierCache(Path root) {
        this.root = root.toAbsolutePath();
    }

    /**
     * The cache at the default root (see the class comment).
     *
     * @return the cache
     */
    public static ClassifierCache atDefaultRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return new ClassifierCache(Paths.get(property));
        }
        String env = System.getenv(ROOT_ENV);
        if (env != null && !env.isBlank()) {
            return new ClassifierCache(Paths.get(env));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".cache");
        return new ClassifierCache(base.resolve("vae4j").resolve("features"));
    }

    /**
     * Returns the root directory.
     *
     * @return ROOT
     */
    public Path root() {
        return root;
    }

    /**
     * The directory of the classifier trained on a set.
     *
     * @param trainFingerprint {@code sha256:<hex>}
     * @return {@code ROOT/<hex>}
     */
    public Path directory(String trainFingerprint) {
        String hex = trainFingerprint.startsWith("sha256:") ? trainFingerprint.substring(7)
                : trainFingerprint;
        if (!hex.matches("[0-9a-f]{16,128}")) {
            throw new IllegalArgumentException("not a data fingerprint: " + trainFingerprint);
        }
        return root.resolve(hex);
    }

    /** A classifier and whether it was trained just now. */
    public record Loaded(DomainClassifier classifier, boolean trained) {}

    /**
     * The cached classifier for these sets and options, trained and cached if there is none
     * that matches.
     *
     * @param train labelled training images
     * @param test labelled held-out images (the reported accuracy)
     * @param options the network and its training
     * @param progress told why it trains and one line per epoch (may be null)
     * @return the classifier (close it) and whether it was trained now
     * @throws IOException if a new classifier cannot be written; it is not returned then
     */
    public Loaded loadOrTrain(ImageSet train, ImageSet test, ClassifierOptions options,
            Consumer<String> progress) throws IOException {
        Consumer<String> say = progress != null ? progress : s -> { };
        ClassifierInfo want = ClassifierTraining.describe(train, test, options);
        Path dir = directory(want.trainFingerprint());
        String why;
        try {
            return new Loaded(read(dir, want), false);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        say.accept("training the quality classifier (" + why + ")");
        DomainClassifier c = ClassifierTraining.train(train, test, options, say);
        try {
            write(dir, c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return new Loaded(c, true);
    }

    /** Reads and checks a cached classifier; throws with a short reason if it does not fit. */
    static DomainClassifier read(Path dir, ClassifierInfo want)
            throws IOException, MalformedModelException {
        Path description = dir.resolve(DESCRIPTION);
        if (!Files.isRegularFile(description)) {
            throw new IOException("none cached in " + dir);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(description, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        ClassifierInfo got = ClassifierDescription.parse(p, dir.resolve(DESCRIPTION));
        String mismatch = ClassifierDescription.mismatch(want, got);
        if (mismatch != null) {
            throw new IOException("the cached one in " + dir + " " + mismatch);
        }
        byte[] params = Files.readAllBytes(dir.resolve(PARAMETERS));
        String hash = Hashing.sha256(params);
        if (!hash.equals(p.getProperty("parameters.sha256"))) {
            throw new IOException("the cached parameters in " + dir + " are damaged (SHA-256 "
                    + hash + ", expected " + p.getProperty("parameters.sha256") + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            return DomainClassifier.read(got, in);
        }
    }

    /** Writes the directory under a temporary name, then renames it into place. */
    static void write(Path dir, DomainClassifier c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            c.writeParameters(out);
        }
        byte[] params = bytes.toByteArray();
        Properties p = ClassifierDescription.of(c.info());
        p.setProperty("parameters.sha256", Hashing.sha256(params));
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".");
        try {
            writeSynced(tmp.resolve(PARAMETERS), out -> out.write(params));
            writeSynced(tmp.resolve(DESCRIPTION), out -> {
                try (Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                    p.store(w, "vae4j quality classifier");
                }
            });
            replace(tmp, dir);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Moves the complete temporary directory to {@code dir}, first moving an old one aside. */
    private static void replace(Path tmp, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".old.");
            Files.delete(old);
            try {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.NoSuchFileException e) {
                old = null; // another process moved it first
            }
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another process put its classifier there meanwhile: keep that one.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(dir.getParent() + ": cannot rename directories atomically"
                    + " there; set " + ROOT_PROPERTY + " or " + ROOT_ENV + " to another place",
                    e);
        } finally {
            if (old != null) {
                deleteTree(old);
            }
        }
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static void writeSynced(Path file, Content content) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(java.nio.channels.Channels
                    .newOutputStream(ch), 1 << 16);
            content.write(new java.io.FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush(); // the channel is forced and closed below
                }
            });
            out.flush();
            // Without fsync a power loss after the rename could leave empty files.
            ch.force(true);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
