package org.snas4j.adapter.tensorflow.ops;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A feature map that several ops read, and its ReLU, built the first time one of them asks for it.
 * The DARTS ops all start with ReLU(x) (ReLU-conv-BN, separable and dilated convolutions,
 * FactorizedReduce): in a supernet every edge applies up to five of them to the same input, and every
 * node's input feeds up to four edges, so one shared ReLU replaces up to twenty identical ones, with
 * their activations kept for the backward pass.
 */
public final class FeatureMap {

    private final Operand<TFloat32> value;
    private Operand<TFloat32> activated;

    private FeatureMap(Operand<TFloat32> value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static FeatureMap of(Operand<TFloat32> value) {
        return new FeatureMap(value);
    }

    public Operand<TFloat32> value() {
        return value;
    }

    /** ReLU of the value, one op however often it is asked for. */
    public Operand<TFloat32> relu(NetworkScope scope) {
        if (activated == null) {
            activated = Layers.relu(scope, value);
        }
        return activated;
    }
}
