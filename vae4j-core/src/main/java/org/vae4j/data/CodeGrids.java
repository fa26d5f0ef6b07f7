package org.vae4j.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vae4j.util.Hashing;

/**
 * Grids of code indices as rows: what a second-stage prior (a PixelCNN over a VQ-VAE's codes)
 * trains on. Row {@code i} holds {@code h·w} integers in {@code [0, K)}, row-major over the
 * grid; {@link #copyRows} hands them to the batch layer as floats (exact: {@code K ≤ 2^24}),
 * which the prior turns back into indices. Immutable.
 */
public final class CodeGrids implements Dataset {

    /** The largest codebook whose indices survive the trip through float32 exactly. */
    public static final int MAX_CODES = 1 << 24;

    private final int[] codes;
    private final int count;
    private final int height;
    private final int width;
    private final int codebookSize;
    private final int[] labels;
    private final String source;
    private String fingerprint;

    /**
     * Copies the grids and checks every index.
     *
     * @param grids {@code [N][h·w]} indices in {@code [0, K)}
     * @param height h
     * @param width w
     * @param codebookSize K
     * @param labels {@code [N]} class labels, or null
     * @param source where the grids came from, for messages
     * @throws IllegalArgumentException naming the bad row, length or index
     */
    public CodeGrids(int[][] grids, int height, int width, int codebookSize, int[] labels,
            String source) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("grid must be at least 1x1, got " + height + "x"
                    + width);
        }
        if (codebookSize <= 0 || codebookSize > MAX_CODES) {
            throw new IllegalArgumentException("codebookSize must be in [1, " + MAX_CODES
                    + "], got " + codebookSize);
        }
        if (labels != null && labels.length != grids.length) {
            throw new IllegalArgumentException(grids.length + " grids but " + labels.length
                    + " labels");
        }
        int cells = height * width;
        this.codes = new int[grids.length * cells];
        for (int i = 0; i < grids.length; i++) {
            if (grids[i].length != cells) {
                throw new IllegalArgumentException("grid " + i + " has " + grids[i].length
                        + " indices, a " + height + "x" + width + " grid has " + cells);
            }
            for (int j = 0; j < cells; j++) {
                int k = grids[i][j];
                if (k < 0 || k >= codebookSize) {
                    throw new IllegalArgumentException("grid " + i + ", cell " + j
                            + ": index must be in [0, " + (codebookSize - 1) + "], got " + k);
                }
                codes[i * cells + j] = k;
            }
        }
        this.count = grids.length;
        this.height = height;
        this.width = width;
        this.codebookSize = codebookSize;
        this.labels = labels == null ? null : labels.clone();
        this.source = source;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int rowWidth() {
        return height * width;
    }

    /**
     * Returns the grid height.
     *
     * @return h
     */
    public int height() {
        return height;
    }

    /**
     * Returns the grid width.
     *
     * @return w
     */
    public int width() {
        return width;
    }

    /**
     * Returns the number of codes the indices range over.
     *
     * @return K
     */
    public int codebookSize() {
        return codebookSize;
    }

    /**
     * Returns one grid.
     *
     * @param i the row
     * @return {@code [h·w]} indices, a copy
     */
    public int[] grid(int i) {
        int cells = rowWidth();
        return Arrays.copyOfRange(codes, i * cells, (i + 1) * cells);
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException(source + " has no labels");
        }
        return labels[i];
    }

    @Override
    public String source() {
        return source;
    }

    /**
     * SHA-256 over {@code (N, h, w, K)} as big-endian int32, the indices, then the labels if
     * any: a prior resumed on other codes (the VQ-VAE retrained, or other images) is refused.
     *
     * @return {@code "sha256:"} and 64 hex digits
     */
    @Override
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            int n = 4 + codes.length + (labels == null ? 0 : labels.length);
            ByteBuffer b = ByteBuffer.allocate(4 * n);
            b.putInt(count).putInt(height).putInt(width).putInt(codebookSize);
            for (int k : codes) {
                b.putInt(k);
            }
            if (labels != null) {
                for (int y : labels) {
                    b.putInt(y);
                }
            }
            f = Hashing.sha256(b.array());
            fingerprint = f;
        }
        return f;
    }

    @Override
    public void copyRows(int[] indices, int from, int n, float[] dst) {
        int cells = rowWidth();
        for (int r = 0; r < n; r++) {
            int row = indices == null ? from + r : indices[from + r];
            for (int j = 0; j < cells; j++) {
                dst[r * cells + j] = codes[row * cells + j];
            }
        }
    }

    @Override
    public String toString() {
        return count + " code grids " + height + "x" + width + " over " + codebookSize
                + " codes" + (labels == null ? "" : " with labels") + " from " + source;
    }
}
