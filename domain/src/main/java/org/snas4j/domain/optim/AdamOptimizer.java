package org.snas4j.domain.optim;

import java.util.Objects;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * Adam for the architecture logits, with PyTorch's semantics as the SNAS and DARTS code use it:
 * first the joint gradient norm of both matrices is clipped (clip_grad_norm_: scale by
 * max / (norm + 1e-6) when that is below 1), then weight decay adds decay * param to the
 * gradient, then m, v and the bias-corrected step lr * m_hat / (sqrt(v_hat) + eps). Not thread-safe.
 */
public final class AdamOptimizer {

    /** clip_grad_norm_'s guard against a zero norm. */
    private static final double CLIP_EPSILON = 1e-6;

    private final AdamSettings settings;
    private AdamState state;

    public AdamOptimizer(AdamSettings settings) {
        this(settings, AdamState.initial());
    }

    private AdamOptimizer(AdamSettings settings, AdamState state) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** An optimiser that continues from a saved {@link #state()}. */
    public static AdamOptimizer restore(AdamSettings settings, AdamState state) {
        return new AdamOptimizer(settings, state);
    }

    public AdamSettings settings() {
        return settings;
    }

    /** The state after the last step (immutable, so it can be saved as is). */
    public AdamState state() {
        return state;
    }

    /**
     * One Adam step: returns the updated parameters and advances the state. An update that overflows
     * comes back non-finite ({@link EdgeOpMatrix#isFinite()}) rather than refused: the caller decides
     * that the run diverged.
     *
     * @throws IllegalArgumentException when the gradient is not finite (check it first)
     */
    public CellPair<EdgeOpMatrix> step(CellPair<EdgeOpMatrix> params, CellPair<EdgeOpMatrix> gradient) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(gradient, "gradient");
        if (!gradient.normal().isFinite() || !gradient.reduction().isFinite()) {
            throw new IllegalArgumentException("architecture gradient is not finite");
        }
        double norm = Math.sqrt(gradient.normal().squaredNorm() + gradient.reduction().squaredNorm());
        double clip = settings.gradientClipNorm() / (norm + CLIP_EPSILON);
        CellPair<EdgeOpMatrix> clipped = clip < 1 ? gradient.map(g -> g.scale(clip)) : gradient;
        CellPair<EdgeOpMatrix> decayed = clipped.zip(params, (g, p) -> g.plus(p.scale(settings.weightDecay())));

        long t = state.step() + 1;
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        CellPair<EdgeOpMatrix> m = state.firstMoment().zip(decayed, (mk, g) -> mk.scale(b1).plus(g.scale(1 - b1)));
        CellPair<EdgeOpMatrix> v = state.secondMoment().zip(decayed, (vk, g) -> vk.scale(b2).plus(g.times(g).scale(1 - b2)));
        double biasCorrection1 = 1 - Math.pow(b1, t);
        double sqrtBiasCorrection2 = Math.sqrt(1 - Math.pow(b2, t));
        double stepSize = settings.learningRate() / biasCorrection1;

        CellPair<EdgeOpMatrix> updated = CellPair.of(kind -> {
            double[] p = params.get(kind).toRowMajor();
            double[] mk = m.get(kind).toRowMajor();
            double[] vk = v.get(kind).toRowMajor();
            for (int i = 0; i < p.length; i++) {
                p[i] -= stepSize * mk[i] / (Math.sqrt(vk[i]) / sqrtBiasCorrection2 + settings.epsilon());
            }
            return EdgeOpMatrix.ofComputed(p);
        });
        state = new AdamState(t, m, v);
        return updated;
    }
}
