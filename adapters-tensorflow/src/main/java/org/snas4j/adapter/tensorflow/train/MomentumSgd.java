package org.snas4j.adapter.tensorflow.train;

import java.util.ArrayList;
import java.util.List;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.ops.WeightInit;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The in-graph weight update of the authors' code, in the order PyTorch applies it there:
 * <ol>
 * <li>{@code clip_grad_norm_(parameters, clip)}: the raw loss gradients g of all weights are scaled
 *     together by min(1, clip / (||g|| + 1e-6)), ||g|| their global L2 norm;</li>
 * <li>{@code SGD.step()}: weight decay enters after clipping, d = g + weightDecay * w; the momentum
 *     buffer v = momentum * v + d (no dampening, no Nesterov); w = w - lr * v.</li>
 * </ol>
 * Clipping therefore bounds the loss gradient only, not the decay term, exactly as in the PyTorch
 * code. The fused ApplyMomentum op computes step 2's buffer and weight update in place.
 */
public final class MomentumSgd {

    /** Prefix of the momentum buffers' variable names in the store. */
    public static final String MOMENTUM_PREFIX = "momentum";

    /**
     * @param momentum     SGD momentum (0.9)
     * @param weightDecay  L2 decay added to the clipped gradient (3e-4)
     * @param gradientClip global gradient-norm bound (5); 0 or less disables clipping
     */
    public record Hyperparameters(double momentum, double weightDecay, double gradientClip) {
        public Hyperparameters {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("weight decay must be finite and non-negative, got " + weightDecay);
            }
            if (Double.isNaN(gradientClip) || Double.isInfinite(gradientClip)) {
                throw new IllegalArgumentException("gradient clip must be finite, got " + gradientClip);
            }
        }
    }

    /**
     * @param step         runs the update of every weight
     * @param gradientNorm global L2 norm of the raw loss gradients (before clipping and decay)
     */
    public record Update(Op step, Operand<TFloat32> gradientNorm) {
    }

    private MomentumSgd() {
    }

    /**
     * Builds the update of the trainable variables {@code weightNames} of {@code variables}, whose loss
     * gradients are {@code gradients} (same order). Momentum buffers are created in the store as
     * state variables named {@code momentum/<weight name>}, initialised to zero.
     */
    public static Update build(Ops tf, VariableStore variables, List<String> weightNames,
                               List<? extends Operand<TFloat32>> gradients, Operand<TFloat32> learningRate,
                               Hyperparameters hyperparameters) {
        if (weightNames.size() != gradients.size() || weightNames.isEmpty()) {
            throw new IllegalArgumentException("need one gradient per weight, got " + gradients.size() + " for " + weightNames.size());
        }
        List<Operand<TFloat32>> squaredNorms = new ArrayList<>(gradients.size());
        for (Operand<TFloat32> g : gradients) {
            squaredNorms.add(tf.sum(tf.math.square(g), tf.constant(allAxes(g.shape().numDimensions()))));
        }
        Operand<TFloat32> norm = tf.math.sqrt(squaredNorms.size() == 1 ? squaredNorms.get(0) : tf.math.addN(squaredNorms));
        Operand<TFloat32> clipFactor = null;
        if (hyperparameters.gradientClip() > 0) {
            Operand<TFloat32> bound = tf.constant((float) hyperparameters.gradientClip());
            clipFactor = tf.math.minimum(tf.constant(1f),
                    tf.math.div(bound, tf.math.add(norm, tf.constant(1e-6f))));
        }
        Operand<TFloat32> decay = tf.constant((float) hyperparameters.weightDecay());
        Operand<TFloat32> momentum = tf.constant((float) hyperparameters.momentum());
        // Every apply op waits for the norm, which waits for every gradient, so no backward op can
        // read a weight after ApplyMomentum overwrote it in place (the clip factor alone would
        // order them too, but not when clipping is off).
        Ops apply = tf.withControlDependencies(List.of(norm));
        List<Op> steps = new ArrayList<>(gradients.size());
        for (int i = 0; i < gradients.size(); i++) {
            String name = weightNames.get(i);
            Variable<TFloat32> weight = variables.variable(name);
            Operand<TFloat32> direction = clipFactor == null ? gradients.get(i) : tf.math.mul(gradients.get(i), clipFactor);
            if (hyperparameters.weightDecay() > 0) {
                direction = tf.math.add(direction, tf.math.mul(decay, weight));
            }
            Variable<TFloat32> buffer = variables.state(MOMENTUM_PREFIX + "/" + name, variables.shape(name), WeightInit.constant(0f));
            steps.add(apply.train.applyMomentum(weight, buffer, learningRate, direction, momentum));
        }
        return new Update(tf.withControlDependencies(steps).noOp(), norm);
    }

    private static int[] allAxes(int rank) {
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return axes;
    }
}
