package org.snas4j.domain.optim;

/**
 * Hyper-parameters of the architecture optimiser.
 *
 * @param learningRate     step size
 * @param beta1            decay of the first moment
 * @param beta2            decay of the second moment
 * @param epsilon          added to the root of the second moment
 * @param weightDecay      L2 coefficient added to the gradient (coupled, as PyTorch's Adam does)
 * @param gradientClipNorm the joint L2 norm of both gradient matrices is clipped to this; infinity disables
 */
public record AdamSettings(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                           double gradientClipNorm) {

    public AdamSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (!(gradientClipNorm > 0)) {
            throw new IllegalArgumentException("gradient clip norm must be positive (infinity disables it), got " + gradientClipNorm);
        }
    }

    /** SNAS' (and DARTS') architecture optimiser: Adam lr 3e-4, betas (0.5, 0.999), eps 1e-8, weight decay 1e-3, clip 10. */
    public static AdamSettings snasDefaults() {
        return new AdamSettings(3e-4, 0.5, 0.999, 1e-8, 1e-3, 10.0);
    }

    public AdamSettings withLearningRate(double lr) {
        return new AdamSettings(lr, beta1, beta2, epsilon, weightDecay, gradientClipNorm);
    }

    public AdamSettings withWeightDecay(double decay) {
        return new AdamSettings(learningRate, beta1, beta2, epsilon, decay, gradientClipNorm);
    }
}
