package org.vae4j.data;

/**
 * What the batch layer needs of a data set: rows of equal width, optional labels, a source and a
 * fingerprint. {@link ImageSet} implements it (a row is an image, {@code C·H·W} values in [0, 1]);
 * sparse user-item rows will too.
 */
public interface Dataset {

    /**
     * Returns the number of rows.
     *
     * @return N
     */
    int size();

    /**
     * Returns the values per row.
     *
     * @return D
     */
    int rowWidth();

    /**
     * Whether every row carries a class label.
     *
     * @return true if {@link #label(int)} may be called
     */
    boolean hasLabels();

    /**
     * Returns the label of row {@code i}.
     *
     * @param i the row
     * @return its class
     */
    int label(int i);

    /**
     * Describes where the rows came from, for messages.
     *
     * @return e.g. a path
     */
    String source();

    /**
     * A hash of the content, checked when a run resumes.
     *
     * @return {@code sha256:...}
     */
    String fingerprint();

    /**
     * Copies rows {@code indices[from .. from + n)} (rows {@code from .. from + n} when {@code
     * indices} is null) into {@code dst}, row-major.
     *
     * @param indices row order, or null for data-set order
     * @param from first position
     * @param n rows
     * @param dst at least {@code n · rowWidth()} values
     */
    void copyRows(int[] indices, int from, int n, float[] dst);
}
