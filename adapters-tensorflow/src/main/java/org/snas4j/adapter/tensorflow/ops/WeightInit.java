package org.snas4j.adapter.tensorflow.ops;

import java.util.Arrays;
import java.util.SplittableRandom;

/** How the initial value of a variable is drawn; the draw is deterministic for a given random source. */
public sealed interface WeightInit {

    /** Draws {@code size} values. */
    float[] draw(int size, SplittableRandom random);

    /** Every value equal to {@code value} (BN moving mean 0 and variance 1, BN scale 1, momentum 0). */
    static WeightInit constant(float value) {
        return new Constant(value);
    }

    /** Independent draws from U(-bound, bound). */
    static WeightInit uniform(double bound) {
        return new Uniform(bound);
    }

    /**
     * PyTorch's default for convolution and linear layers (Kaiming-uniform with a = sqrt(5), which
     * reduces to U(-1/sqrt(fanIn), 1/sqrt(fanIn))), the initialisation the authors' code trained with.
     */
    static WeightInit pytorchDefault(long fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan-in must be positive, got " + fanIn);
        }
        return new Uniform(1.0 / Math.sqrt(fanIn));
    }

    record Constant(float value) implements WeightInit {
        @Override
        public float[] draw(int size, SplittableRandom random) {
            float[] values = new float[size];
            Arrays.fill(values, value);
            return values;
        }
    }

    record Uniform(double bound) implements WeightInit {
        public Uniform {
            if (!(bound > 0) || !Double.isFinite(bound)) {
                throw new IllegalArgumentException("uniform bound must be positive and finite, got " + bound);
            }
        }

        @Override
        public float[] draw(int size, SplittableRandom random) {
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) random.nextDouble(-bound, bound);
            }
            return values;
        }
    }
}
