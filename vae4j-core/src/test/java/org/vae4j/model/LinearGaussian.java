package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Probabilistic PCA as a {@link VaeModel}: {@code z ~ N(0, I_2)}, {@code x | z ~ N(W z + b,
 * sigma^2 I_6)}, so {@code x ~ N(b, W W^T + sigma^2 I)} and everything is known in closed form.
 *
 * <p>The decoder is vae4j's MLP with one hidden layer of width 2 and the identity-link Gaussian:
 * {@code mean = B relu(A z + a) + c}. With {@code A = I} and {@code a = OFFSET} far above any
 * sampled {@code |z|} the ReLU is the identity, so {@code mean = B z + (B a + c)}: {@code B = W}
 * and {@code c = b - W a}. The encoder uses the same trick to output any affine function of x:
 * here the exact PPCA posterior {@code N(M^-1 W^T (x - b), sigma^2 M^-1)}, {@code M = W^T W +
 * sigma^2 I}, which is diagonal because W's columns are orthogonal, optionally shifted and widened
 * to make q differ from the posterior by a known amount.
 */
public final class LinearGaussian {

    /** The configuration: 1x2x3 images, hidden [2], latent 2, identity link, sigma 0.3. */
    public static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 2, 3)
                    .withHidden(List.of(2))
                    .withLatentDim(2)
                    .withLikelihood(Likelihood.GAUSSIAN_IDENTITY, 0.3);

    /** Observation noise sigma. */
    public static final double SIGMA = 0.3;

    /** W, 6x2, orthogonal columns with squared norms 0.64 and 0.86. */
    public static final double[][] W = {
        {0.4, 0.3}, {0.4, -0.3}, {0.4, 0.3}, {0.4, -0.3}, {0, 0.5}, {0, 0.5}
    };

    /** The data mean b. */
    public static final double[] B = {0.5, 0.4, 0.6, 0.5, 0.3, 0.7};

    /**
     * An approximate posterior for tests: {@code create(APPROX_SHIFT, APPROX_WIDEN)} shifts the
     * means by 0.2 (about 0.6 posterior sd) and makes the sds 1.4x too wide. Then {@code E_q[w^2]
     * / p(x)^2 = 1.70}, so the k-sample estimate of log p(x) has an sd of about {@code sqrt(0.70 /
     * k)} nats (0.012 for k = 5000), and the ELBO is 0.66 nats below log p(x).
     */
    public static final double APPROX_SHIFT = 0.2;

    /** See {@link #APPROX_SHIFT}. */
    public static final double APPROX_WIDEN = 1.4;

    /** Keeps every hidden ReLU input positive: far above |W^T x| and any sampled |z|. */
    private static final double OFFSET = 10;

    private static final int D = 6;
    private static final int L = 2;

    private LinearGaussian() {}

    /** {@code M_jj = |w_j|^2 + sigma^2} (M is diagonal). */
    public static double m(int j) {
        double s = SIGMA * SIGMA;
        for (double[] row : W) {
            s += row[j] * row[j];
        }
        return s;
    }

    /** The exact posterior mean {@code M^-1 W^T (x - b)}. */
    public static double[] posteriorMean(float[] x) {
        double[] mu = new double[L];
        for (int j = 0; j < L; j++) {
            double s = 0;
            for (int d = 0; d < D; d++) {
                s += W[d][j] * (x[d] - B[d]);
            }
            mu[j] = s / m(j);
        }
        return mu;
    }

    /** The exact posterior log-variance {@code log(sigma^2 / M_jj)}. */
    public static double posteriorLogvar(int j) {
        return Math.log(SIGMA * SIGMA / m(j));
    }

    /**
     * Creates the model with the encoder outputting {@code mu = posterior mean + shift} and
     * {@code logvar = posterior logvar + log(widen^2)}.
     *
     * @param shift added to both posterior means (0 = exact)
     * @param widen factor on the posterior standard deviations (1 = exact)
     * @return the model (close it)
     */
    public static VaeModel create(double shift, double widen) {
        VaeModel model = VaeModel.create(CONFIG, 1);
        List<Parameter> p = model.block().getParameters().values();
        // Order: encoder (hidden W [2, 6], b [2], head W [4, 2], b [4]), decoder (hidden W
        // [2, 2], b [2], output W [6, 2], b [6]). DJL's Linear computes x W^T + b.
        float[] encW = new float[L * D];
        float[] encB = new float[L];
        float[] headW = new float[2 * L * L];
        float[] headB = new float[2 * L];
        for (int j = 0; j < L; j++) {
            double pb = 0;
            for (int d = 0; d < D; d++) {
                encW[j * D + d] = (float) (W[d][j] / m(j));
                pb += W[d][j] / m(j) * B[d];
            }
            encB[j] = (float) OFFSET;
            headW[j * L + j] = 1;
            headB[j] = (float) (-OFFSET - pb + shift);
            headB[L + j] = (float) (posteriorLogvar(j) + 2 * Math.log(widen));
        }
        float[] decW = {1, 0, 0, 1};
        float[] decB = {(float) OFFSET, (float) OFFSET};
        float[] outW = new float[D * L];
        float[] outB = new float[D];
        for (int d = 0; d < D; d++) {
            double wa = 0;
            for (int j = 0; j < L; j++) {
                outW[d * L + j] = (float) W[d][j];
                wa += W[d][j] * OFFSET;
            }
            outB[d] = (float) (B[d] - wa);
        }
        float[][] values = {encW, encB, headW, headB, decW, decB, outW, outB};
        for (int i = 0; i < values.length; i++) {
            NDArray a = p.get(i).getArray();
            a.muli(0).addi(model.manager().create(values[i], a.getShape()));
        }
        return model;
    }

    /** The exact {@code log N(x; b, W W^T + sigma^2 I)}, through a Cholesky factor, in doubles. */
    public static double logMarginal(float[] x) {
        double[][] c = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int k = 0; k < D; k++) {
                double s = i == k ? SIGMA * SIGMA : 0;
                for (int j = 0; j < L; j++) {
                    s += W[i][j] * W[k][j];
                }
                c[i][k] = s;
            }
        }
        double[][] chol = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int k = 0; k <= i; k++) {
                double s = c[i][k];
                for (int j = 0; j < k; j++) {
                    s -= chol[i][j] * chol[k][j];
                }
                chol[i][k] = i == k ? Math.sqrt(s) : s / chol[k][k];
            }
        }
        // Solve chol y = x - b; then (x-b)^T C^-1 (x-b) = |y|^2 and log det C = 2 sum log diag.
        double[] y = new double[D];
        double quad = 0;
        double logDet = 0;
        for (int i = 0; i < D; i++) {
            double s = x[i] - B[i];
            for (int j = 0; j < i; j++) {
                s -= chol[i][j] * y[j];
            }
            y[i] = s / chol[i][i];
            quad += y[i] * y[i];
            logDet += 2 * Math.log(chol[i][i]);
        }
        return -0.5 * (quad + logDet + D * Math.log(2 * Math.PI));
    }

    /**
     * The analytic ELBO of x under {@code q = N(mu, diag(exp(logvar)))}: {@code E_q[log p(x|z)] -
     * KL(q || N(0, I))} with {@code E_q |x - W z - b|^2 = |x - W mu - b|^2 + sum_j var_j
     * |w_j|^2}.
     */
    public static double elbo(float[] x, double[] mu, double[] logvar) {
        double sq = 0;
        for (int d = 0; d < D; d++) {
            double mean = B[d];
            for (int j = 0; j < L; j++) {
                mean += W[d][j] * mu[j];
            }
            sq += (x[d] - mean) * (x[d] - mean);
        }
        double kl = 0;
        for (int j = 0; j < L; j++) {
            double var = Math.exp(logvar[j]);
            sq += var * (m(j) - SIGMA * SIGMA);
            kl += 0.5 * (mu[j] * mu[j] + var - 1 - logvar[j]);
        }
        double logLik = -sq / (2 * SIGMA * SIGMA) - 0.5 * D * Math.log(2 * Math.PI * SIGMA * SIGMA);
        return logLik - kl;
    }

    /** The encoder's q for x when built with {@code create(shift, widen)}: {mu, logvar}. */
    public static double[][] q(float[] x, double shift, double widen) {
        double[] mu = posteriorMean(x);
        double[] lv = new double[L];
        for (int j = 0; j < L; j++) {
            mu[j] += shift;
            lv[j] = posteriorLogvar(j) + 2 * Math.log(widen);
        }
        return new double[][] {mu, lv};
    }
}
