package org.vae4j.recommend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import org.vae4j.data.SparseRows;
import org.vae4j.engine.EngineSetup;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the closed-form
 * item-item ridge regression with a zero diagonal,
 *
 * <pre>{@code P = (XᵀX + λI)⁻¹,   B = I − P · diag(1 / diag(P)),   i.e. B_ij = −P_ij / P_jj, B_ii = 0}</pre>
 *
 * <p>and a user scores {@code s_u = x_u B}. The inverse is PyTorch's ({@code NDArray.inverse},
 * in float64 for accuracy); the {@code [I, I]} matrices bound the item count at 8192.
 */
public final class Ease implements Recommender {

    private final int n;
    private final double lambda;
    private final float[] b;

    /**
     * Fits B.
     *
     * @param train the training users (binary)
     * @param lambda the L2 weight λ &gt; 0 (Steck used 500 on ML-20M)
     * @throws IllegalArgumentException if λ is not positive or there are more than 8192 items
     */
    public Ease(SparseRows train, double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
        }
        this.n = train.cols();
        this.lambda = lambda;
        ItemItem.checkItems("EASE", n);
        this.b = weights(ItemItem.gram(train), n, lambda);
    }

    /**
     * B from a Gram matrix: what the constructor computes, open to a check by hand.
     *
     * @param gram {@code XᵀX}, row-major {@code [n, n]}
     * @param n the item count
     * @param lambda λ
     * @return B, row-major {@code [n, n]}
     */
    static float[] weights(float[] gram, int n, double lambda) {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray g = m.create(gram, new Shape(n, n)).toType(DataType.FLOAT64, false);
            NDArray p = g.add(m.eye(n).toType(DataType.FLOAT64, false).mul(lambda)).inverse();
            NDArray diag = p.mul(m.eye(n).toType(DataType.FLOAT64, false)).sum(new int[] {0});
            NDArray w = p.div(diag.reshape(1, n)).neg();
            // Zero the diagonal exactly (it is -1 + 1 in exact arithmetic).
            w = w.mul(m.ones(new Shape(n, n), DataType.FLOAT64)
                    .sub(m.eye(n).toType(DataType.FLOAT64, false)));
            return w.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "EASE (lambda %s)", fmt(lambda));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public int items() {
        return n;
    }

    @Override
    public float[][] scores(SparseRows users, int from, int count) {
        return ItemItem.scores(b, n, users, from, count);
    }
}
