package org.snas4j.domain.distribution;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * The SNAS architecture distribution: for every edge of the normal and of the reduction cell an
 * independent Concrete (Gumbel-softmax) distribution over the 8 operations, parametrised by
 * logits alpha (log of the Concrete location). Immutable: an optimiser step yields a new instance
 * through {@link #withLogits}.
 */
public final class ArchitectureDistribution {

    /** Mean of the initial logits in the SNAS code. */
    public static final double INITIAL_MEAN = 1.0;
    /** Standard deviation of the initial logits in the SNAS code. */
    public static final double INITIAL_STD = 0.01;

    private static final int OPS = EdgeOpMatrix.COLUMNS;
    /** log((n-1)!) for n = 8 operations, the constant of the Concrete log-density. */
    private static final double LOG_FACTORIAL_OPS_MINUS_ONE = logFactorial(OPS - 1);

    private final CellPair<EdgeOpMatrix> logits;
    private final CellPair<EdgeOpMatrix> probabilities;

    private ArchitectureDistribution(CellPair<EdgeOpMatrix> logits) {
        this.logits = Objects.requireNonNull(logits, "logits");
        if (!logits.normal().isFinite() || !logits.reduction().isFinite()) {
            throw new IllegalArgumentException("architecture logits must be finite");
        }
        this.probabilities = logits.map(l -> EdgeSoftmax.apply(l, 1.0));
    }

    /**
     * SNAS' initialisation: every logit drawn i.i.d. from N(1, 0.01^2) (the code's loc_mean 1 and
     * loc_std 0.01), normal-cell matrix first, each row-major, from a {@link SplittableRandom}
     * seeded with {@code seed}, so a seed always gives the same logits on the same JDK.
     */
    public static ArchitectureDistribution initial(long seed) {
        return initial(seed, INITIAL_MEAN, INITIAL_STD);
    }

    /** Logits i.i.d. from N(mean, std^2), drawn as in {@link #initial(long)}. */
    public static ArchitectureDistribution initial(long seed, double mean, double std) {
        if (!(std >= 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("need a finite mean and std >= 0, got mean " + mean + ", std " + std);
        }
        RandomGenerator rng = new SplittableRandom(seed);
        return of(CellPair.of(kind -> gaussianMatrix(rng, mean, std)));
    }

    public static ArchitectureDistribution of(CellPair<EdgeOpMatrix> logits) {
        return new ArchitectureDistribution(logits);
    }

    public ArchitectureDistribution withLogits(CellPair<EdgeOpMatrix> newLogits) {
        return new ArchitectureDistribution(newLogits);
    }

    public CellPair<EdgeOpMatrix> logits() {
        return logits;
    }

    /** softmax(alpha) per edge: the categorical distribution the Concrete relaxes. */
    public CellPair<EdgeOpMatrix> probabilities() {
        return probabilities;
    }

    /** A soft sample Z = softmax((alpha + G) / tau); draws 2 x 14 x 8 uniforms from {@code rng}. */
    public ConcreteSample sample(double temperature, RandomGenerator rng) {
        return sampleFromNoise(gumbelNoise(rng), temperature, false);
    }

    /**
     * A hard (straight-through) sample: z is the one-hot argmax of the soft sample, which
     * {@link ConcreteSample#soft()} keeps for gradients. Consumes the same random numbers as
     * {@link #sample}, so the same seed gives the argmax of the same soft sample.
     */
    public ConcreteSample sampleHard(double temperature, RandomGenerator rng) {
        return sampleFromNoise(gumbelNoise(rng), temperature, true);
    }

    /**
     * The sample for given Gumbel noise: soft = softmax((alpha + G) / tau), and z = soft or its
     * one-hot argmax. With fixed noise Z is a smooth function of alpha: the reparametrisation that
     * the pathwise gradients differentiate.
     */
    public ConcreteSample sampleFromNoise(CellPair<EdgeOpMatrix> gumbel, double temperature, boolean hard) {
        CellPair<EdgeOpMatrix> soft = logits.zip(gumbel, (a, g) -> EdgeSoftmax.apply(a.plus(g), temperature));
        CellPair<EdgeOpMatrix> z = hard ? soft.map(ArchitectureDistribution::oneHotArgmax) : soft;
        return new ConcreteSample(z, soft, temperature, hard);
    }

    /**
     * A one-hot architecture drawn uniformly: every edge of both cells picks one of the 8 ops with
     * equal probability, whatever the logits (the authors' {@code --random_sample_pretrain} warm-up,
     * which trains the weights before alpha is allowed to move). Draws 2 x 14 uniforms from {@code rng}.
     */
    public static CellPair<EdgeOpMatrix> uniformOneHot(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        return CellPair.of(kind -> {
            double[] v = new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
            for (int edge = 0; edge < EdgeOpMatrix.ROWS; edge++) {
                v[edge * EdgeOpMatrix.COLUMNS + rng.nextInt(EdgeOpMatrix.COLUMNS)] = 1.0;
            }
            return EdgeOpMatrix.ofRowMajor(v);
        });
    }

    /**
     * Standard Gumbel noise G = -log(-log U), U ~ Uniform(0, 1), for both cells (normal first,
     * row-major). A uniform of exactly 0 is redrawn, so G is always finite.
     */
    public static CellPair<EdgeOpMatrix> gumbelNoise(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        return CellPair.of(kind -> {
            double[] g = new double[EdgeOpMatrix.ROWS * OPS];
            for (int i = 0; i < g.length; i++) {
                double u;
                do {
                    u = rng.nextDouble();
                } while (u == 0.0);
                g[i] = -Math.log(-Math.log(u));
            }
            return EdgeOpMatrix.ofRowMajor(g);
        });
    }

    /**
     * Sum over the 28 edges of the Concrete log-density (Maddison et al. 2017) of a relaxed sample:
     * log((n-1)!) + (n-1) log tau + sum_k alpha_k - (tau+1) sum_k log z_k - n log sum_k exp(alpha_k) z_k^-tau.
     * (SNAS.md writes the last term with "alpha_k", meaning the location exp(alpha_k); with logits
     * alpha this form is the normalised density.) Entries of z are clamped to at least
     * {@link Double#MIN_NORMAL} so that a sample whose small entries underflowed at a low
     * temperature still has a finite density. A one-hot (hard) z has no density: pass the soft one.
     */
    public double logDensity(CellPair<EdgeOpMatrix> z, double temperature) {
        EdgeSoftmax.requireTemperature(temperature);
        double constant = LOG_FACTORIAL_OPS_MINUS_ONE + (OPS - 1) * Math.log(temperature);
        double[] exponent = new double[OPS];
        double total = 0;
        for (CellKind kind : CellKind.values()) {
            double[] a = logits.get(kind).toRowMajor();
            double[] x = z.get(kind).toRowMajor();
            for (int base = 0; base < a.length; base += OPS) {
                double sumLogZ = concreteExponents(a, x, base, temperature, exponent);
                double sumAlpha = 0;
                for (int k = 0; k < OPS; k++) {
                    sumAlpha += a[base + k];
                }
                total += constant + sumAlpha - (temperature + 1) * sumLogZ - OPS * logSumExp(exponent);
            }
        }
        return total;
    }

    /**
     * d logDensity(z) / d alpha: for every edge, 1 - n * softmax(alpha - tau log z)_j (the score
     * of the score-function estimator). Bounded in [1 - n, 1] whatever z is.
     */
    public CellPair<EdgeOpMatrix> logDensityGradient(CellPair<EdgeOpMatrix> z, double temperature) {
        EdgeSoftmax.requireTemperature(temperature);
        return CellPair.of(kind -> {
            double[] a = logits.get(kind).toRowMajor();
            double[] x = z.get(kind).toRowMajor();
            double[] gradient = new double[a.length];
            double[] exponent = new double[OPS];
            for (int base = 0; base < a.length; base += OPS) {
                concreteExponents(a, x, base, temperature, exponent);
                double lse = logSumExp(exponent);
                for (int k = 0; k < OPS; k++) {
                    gradient[base + k] = 1.0 - OPS * Math.exp(exponent[k] - lse);
                }
            }
            return EdgeOpMatrix.ofComputed(gradient);
        });
    }

    /**
     * Fills {@code exponent} with alpha_k - tau log z_k for the edge starting at {@code base}
     * (z clamped to at least MIN_NORMAL) and returns sum_k log z_k.
     */
    private static double concreteExponents(double[] a, double[] x, int base, double temperature, double[] exponent) {
        double sumLogZ = 0;
        for (int k = 0; k < OPS; k++) {
            double logZ = Math.log(Math.max(x[base + k], Double.MIN_NORMAL));
            sumLogZ += logZ;
            exponent[k] = a[base + k] - temperature * logZ;
        }
        return sumLogZ;
    }

    /** Mean categorical entropy of softmax(alpha) per edge over the 28 edges, in nats (log 8 when uniform). */
    public double entropy() {
        double total = 0;
        int edges = 0;
        for (CellKind kind : CellKind.values()) {
            EdgeOpMatrix p = probabilities.get(kind);
            for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
                for (int k = 0; k < OPS; k++) {
                    double pk = p.get(e, k);
                    if (pk > 0) {
                        total -= pk * Math.log(pk);
                    }
                }
                edges++;
            }
        }
        return total / edges;
    }

    private static EdgeOpMatrix oneHotArgmax(EdgeOpMatrix m) {
        double[] v = new double[EdgeOpMatrix.ROWS * OPS];
        for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
            v[e * OPS + m.argmax(e)] = 1.0;
        }
        return EdgeOpMatrix.ofRowMajor(v);
    }

    private static EdgeOpMatrix gaussianMatrix(RandomGenerator rng, double mean, double std) {
        double[] v = new double[EdgeOpMatrix.ROWS * OPS];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * rng.nextGaussian();
        }
        return EdgeOpMatrix.ofRowMajor(v);
    }

    private static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchitectureDistribution d && logits.equals(d.logits);
    }

    @Override
    public int hashCode() {
        return logits.hashCode();
    }

    @Override
    public String toString() {
        return "ArchitectureDistribution[entropy=" + entropy() + "]";
    }
}
