package org.vae4j.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A sparse user × item matrix in compressed sparse row (CSR) form: row {@code u}'s items are
 * {@code cols[rowPtr[u] .. rowPtr[u + 1])}, ascending and distinct, with {@code values} beside
 * them (1 for implicit feedback). As a {@link Dataset} a row is densified to {@code items()}
 * floats per batch ({@link #copyRows}), so the trainer's batching works unchanged and memory
 * stays {@code O(nnz)} outside the batch.
 *
 * <p>Immutable: the arrays are copied in and never handed out.
 */
public final class SparseRows implements Dataset {

    /** The most rows (users) a matrix may have. */
    public static final int MAX_ROWS = 10_000_000;

    /** The most columns (items); a dense batch row is this wide. */
    public static final int MAX_COLS = 1_000_000;

    /** The most stored entries. */
    public static final int MAX_NNZ = 200_000_000;

    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] values;
    private final String source;
    private final String fingerprint;

    /**
     * Wraps CSR arrays after checking them.
     *
     * @param cols the number of columns (items), in [1, {@value #MAX_COLS}]
     * @param rowPtr {@code [rows + 1]}, non-decreasing, from 0 to {@code nnz}
     * @param colIdx {@code [nnz]}, ascending and distinct within a row, in [0, cols)
     * @param values {@code [nnz]}, finite and &gt; 0; null means all 1
     * @param source where the rows came from, for messages
     * @throws IllegalArgumentException naming the first bad value
     */
    public SparseRows(int cols, int[] rowPtr, int[] colIdx, float[] values, String source) {
        if (cols < 1 || cols > MAX_COLS) {
            throw new IllegalArgumentException("cols must be in [1, " + MAX_COLS + "], got " + cols);
        }
        if (rowPtr == null || rowPtr.length < 1 || rowPtr.length - 1 > MAX_ROWS) {
            throw new IllegalArgumentException("rowPtr must hold 1 to " + (MAX_ROWS + 1)
                    + " offsets, got " + (rowPtr == null ? "null" : rowPtr.length));
        }
        if (colIdx.length > MAX_NNZ) {
            throw new IllegalArgumentException("at most " + MAX_NNZ + " entries, got "
                    + colIdx.length);
        }
        this.rows = rowPtr.length - 1;
        this.cols = cols;
        this.rowPtr = rowPtr.clone();
        this.colIdx = colIdx.clone();
        this.values = values == null ? filled(colIdx.length) : values.clone();
        this.source = source;
        check();
        this.fingerprint = hash();
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }

    private void check() {
        if (rowPtr[0] != 0 || rowPtr[rows] != colIdx.length || values.length != colIdx.length) {
            throw new IllegalArgumentException("rowPtr must run from 0 to nnz " + colIdx.length
                    + " with one value per entry, got " + rowPtr[0] + ".." + rowPtr[rows]
                    + " and " + values.length + " values");
        }
        for (int u = 0; u < rows; u++) {
            if (rowPtr[u + 1] < rowPtr[u]) {
                throw new IllegalArgumentException("rowPtr decreases at row " + u);
            }
            for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                int c = colIdx[p];
                if (c < 0 || c >= cols || (p > rowPtr[u] && c <= colIdx[p - 1])) {
                    throw new IllegalArgumentException("row " + u + ": column " + c
                            + " is out of [0, " + cols + ") or not ascending");
                }
                if (!(values[p] > 0) || !Float.isFinite(values[p])) {
                    throw new IllegalArgumentException("row " + u + ", column " + c
                            + ": value must be finite and > 0, got " + values[p]);
                }
            }
        }
    }

    /**
     * A matrix from one item list per row (values 1); each list is sorted and de-duplicated.
     *
     * @param cols the number of columns
     * @param items per row, the items
     * @param source for messages
     * @return the matrix
     */
    public static SparseRows ofItems(int cols, int[][] items, String source) {
        int[] ptr = new int[items.length + 1];
        int[][] clean = new int[items.length][];
        for (int u = 0; u < items.length; u++) {
            clean[u] = Arrays.stream(items[u]).sorted().distinct().toArray();
            ptr[u + 1] = Math.addExact(ptr[u], clean[u].length);
        }
        int[] idx = new int[ptr[items.length]];
        for (int u = 0; u < items.length; u++) {
            System.arraycopy(clean[u], 0, idx, ptr[u], clean[u].length);
        }
        return new SparseRows(cols, ptr, idx, null, source);
    }

    /**
     * The rows {@code which} of this matrix, in that order, with all columns.
     *
     * @param which row indices
     * @param newSource the new matrix's source
     * @return the sub-matrix
     */
    public SparseRows select(int[] which, String newSource) {
        int[] ptr = new int[which.length + 1];
        for (int i = 0; i < which.length; i++) {
            ptr[i + 1] = ptr[i] + rowLength(which[i]);
        }
        int[] idx = new int[ptr[which.length]];
        float[] val = new float[idx.length];
        for (int i = 0; i < which.length; i++) {
            int u = which[i];
            System.arraycopy(colIdx, rowPtr[u], idx, ptr[i], rowLength(u));
            System.arraycopy(values, rowPtr[u], val, ptr[i], rowLength(u));
        }
        return new SparseRows(cols, ptr, idx, val, newSource);
    }

    /**
     * Returns the number of columns (items).
     *
     * @return I
     */
    public int cols() {
        return cols;
    }

    /**
     * Returns the number of stored entries.
     *
     * @return nnz
     */
    public int nnz() {
        return colIdx.length;
    }

    /**
     * Returns the number of entries in a row.
     *
     * @param u the row
     * @return its item count
     */
    public int rowLength(int u) {
        return rowPtr[u + 1] - rowPtr[u];
    }

    /**
     * Returns a copy of a row's items, ascending.
     *
     * @param u the row
     * @return its items
     */
    public int[] items(int u) {
        return Arrays.copyOfRange(colIdx, rowPtr[u], rowPtr[u + 1]);
    }

    /**
     * Returns a copy of a row's values, in the order of {@link #items}.
     *
     * @param u the row
     * @return its values
     */
    public float[] values(int u) {
        return Arrays.copyOfRange(values, rowPtr[u], rowPtr[u + 1]);
    }

    /**
     * How many rows hold each column (an item's popularity).
     *
     * @return {@code [cols]} counts
     */
    public int[] columnCounts() {
        int[] c = new int[cols];
        for (int p : colIdx) {
            c[p]++;
        }
        return c;
    }

    @Override
    public int size() {
        return rows;
    }

    @Override
    public int rowWidth() {
        return cols;
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public int label(int i) {
        throw new UnsupportedOperationException(source + ": user rows carry no class labels");
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /** Densifies rows: zeros, then each row's values at its items. */
    @Override
    public void copyRows(int[] indices, int from, int n, float[] dst) {
        Arrays.fill(dst, 0, n * cols, 0f);
        for (int i = 0; i < n; i++) {
            int u = indices == null ? from + i : indices[from + i];
            int base = i * cols;
            for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                dst[base + colIdx[p]] = values[p];
            }
        }
    }

    /** SHA-256 over (rows, cols, nnz as big-endian int32), rowPtr, cols and values. */
    private String hash() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        sha.update(ByteBuffer.allocate(13).put((byte) 'S').putInt(rows).putInt(cols)
                .putInt(colIdx.length).array());
        // In chunks, so a large matrix needs no second copy of itself.
        ByteBuffer b = ByteBuffer.allocate(4 * 65536);
        for (int[] a : new int[][] {rowPtr, colIdx}) {
            for (int i = 0; i < a.length; i++) {
                b.putInt(a[i]);
                if (!b.hasRemaining()) {
                    sha.update(b.array(), 0, b.position());
                    b.clear();
                }
            }
        }
        for (float v : values) {
            b.putFloat(v);
            if (!b.hasRemaining()) {
                sha.update(b.array(), 0, b.position());
                b.clear();
            }
        }
        sha.update(b.array(), 0, b.position());
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public String toString() {
        return source + " (" + rows + " users x " + cols + " items, " + colIdx.length
                + " interactions)";
    }
}
