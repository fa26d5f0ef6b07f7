/**
 * Image data for vae4j: in-memory image sets, IDX (MNIST-style) file reading and writing,
 * CIFAR-10 binary batches, folders of PNG and JPEG images (with class sub-folders as labels),
 * the embedded Fashion-MNIST test set, train/validation splits and per-epoch shuffling, and the
 * decoding of single PNG/JPEG images into a model's pixel row
 * ({@link org.vae4j.data.ImageDecoder}); and implicit feedback for recommendation: the sparse
 * user × item matrix {@link org.vae4j.data.SparseRows} (CSR, densified per batch), its readers
 * ({@link org.vae4j.data.InteractionReader}: MovieLens {@code ratings.csv}, generic CSV/TSV) and
 * a synthetic generator with latent structure ({@link org.vae4j.data.SyntheticFeedback}).
 *
 * <p>Images are stored as unsigned bytes, channels-first and row-major ({@code C×H×W}), and
 * handed to models as floats in {@code [0, 1]} by {@link org.vae4j.data.ImageSet#copyPixels}.
 * Every problem with a data file is reported as an {@link org.vae4j.data.InvalidDataException}
 * whose one-line message names the file and what is wrong with it.
 */
package org.vae4j.data;
