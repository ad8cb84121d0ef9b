package org.snas4j.application.port.out.training;

/**
 * The weight optimiser's settings besides the learning rate: SGD with momentum, L2 weight decay and
 * a global gradient-norm clip.
 *
 * @param momentum     SGD momentum
 * @param weightDecay  L2 weight decay on the trainable weights
 * @param gradientClip global gradient-norm clip (positive)
 */
public record SgdSettings(double momentum, double weightDecay, double gradientClip) {

    /** The authors' (and DARTS') values: momentum 0.9, weight decay 3e-4, clip 5. */
    public static final SgdSettings PAPER = new SgdSettings(0.9, 3e-4, 5.0);

    public SgdSettings {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and non-negative, got " + weightDecay);
        }
        if (!(gradientClip > 0)) {
            throw new IllegalArgumentException("gradient clip must be positive, got " + gradientClip);
        }
    }

    /** These settings with another weight decay (DARTS' ImageNet recipe decays 10x less than its CIFAR one). */
    public SgdSettings withWeightDecay(double newWeightDecay) {
        return new SgdSettings(momentum, newWeightDecay, gradientClip);
    }
}
