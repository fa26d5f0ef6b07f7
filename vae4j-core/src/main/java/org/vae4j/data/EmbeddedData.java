package org.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Data sets shipped inside the vae4j-core jar, so that vae4j works without downloads.
 * Currently the Fashion-MNIST test set (MIT licence, see {@link #LICENSE_RESOURCE}).
 */
public final class EmbeddedData {
    /** Classpath directory of the embedded Fashion-MNIST files. */
    public static final String FASHION_MNIST_DIR = "/org/vae4j/data/fashion-mnist/";
    /** Classpath resource holding the licence of the embedded data. */
    public static final String LICENSE_RESOURCE = FASHION_MNIST_DIR + "LICENSE";
    /** Classpath resource of the embedded Fashion-MNIST test images (gzip IDX). */
    public static final String FASHION_MNIST_TEST_IMAGES =
            FASHION_MNIST_DIR + "t10k-images-idx3-ubyte.gz";
    /** Classpath resource of the embedded Fashion-MNIST test labels (gzip IDX). */
    public static final String FASHION_MNIST_TEST_LABELS =
            FASHION_MNIST_DIR + "t10k-labels-idx1-ubyte.gz";
    /**
     * Fashion-MNIST class names, indexed by label {@code 0..9}. Do not modify the array.
     */
    public static final String[] FASHION_MNIST_CLASSES = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };
    /** The {@link ImageSet#source()} of {@link #fashionMnistTest()}. */
    public static final String FASHION_MNIST_TEST_SOURCE =
            "embedded Fashion-MNIST test set (10,000 images)";

    private EmbeddedData() {
    }

    /**
     * Whether a data source name is the embedded set or a part of it: the name itself, the name
     * with a qualifier added to its bracket ({@code "... (10,000 images; first 600 images)"},
     * through {@link org.vae4j.util.SourceNames#qualify}), or the name with a bracket of its own
     * after it, as runs saved before that was written it.
     *
     * @param source a run's recorded data source
     * @return true if it names the embedded Fashion-MNIST test set or a subset of it
     */
    public static boolean isSourceOf(String source) {
        String open = FASHION_MNIST_TEST_SOURCE.substring(0, FASHION_MNIST_TEST_SOURCE.length() - 1);
        return source.startsWith(FASHION_MNIST_TEST_SOURCE)
                || source.startsWith(open + org.vae4j.util.SourceNames.SEPARATOR);
    }

    /**
     * Loads the embedded Fashion-MNIST test set, freshly each call (nothing is cached).
     *
     * @return 10,000 images of {@code 1×28×28} with labels {@code 0..9} and the class names
     *     {@link #FASHION_MNIST_CLASSES}
     * @throws UncheckedIOException wrapping an {@link InvalidDataException} if the resources are
     *     missing or damaged, which means a broken build rather than bad user input
     */
    public static ImageSet fashionMnistTest() {
        try (InputStream images = resource(FASHION_MNIST_TEST_IMAGES);
                InputStream labels = resource(FASHION_MNIST_TEST_LABELS)) {
            return IdxFormat.read(images, "classpath:" + FASHION_MNIST_TEST_IMAGES,
                    labels, "classpath:" + FASHION_MNIST_TEST_LABELS, FASHION_MNIST_TEST_SOURCE)
                    .withClassNames(java.util.List.of(FASHION_MNIST_CLASSES));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws InvalidDataException {
        InputStream in = EmbeddedData.class.getResourceAsStream(name);
        if (in == null) {
            throw new InvalidDataException("classpath:" + name + ": no such resource");
        }
        return in;
    }
}
