package org.snas4j.adapter.tensorflow.ops;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
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
    /** The map outside the branch this one is a copy in ({@link #computedWhen}), or null. */
    private final FeatureMap outside;
    /** The branch's predicate, or null. */
    private final Operand<TBool> taken;
    private Operand<TFloat32> activated;

    private FeatureMap(Operand<TFloat32> value, FeatureMap outside, Operand<TBool> taken) {
        this.value = Objects.requireNonNull(value, "value");
        this.outside = outside;
        this.taken = taken;
    }

    public static FeatureMap of(Operand<TFloat32> value) {
        return new FeatureMap(value, null, null);
    }

    public Operand<TFloat32> value() {
        return value;
    }

    /** ReLU of the value, one op however often it is asked for. */
    public Operand<TFloat32> relu(NetworkScope scope) {
        if (activated == null) {
            activated = outside == null ? Layers.relu(scope, value) : Branches.enter(scope.tf(), outside.relu(scope), taken);
        }
        return activated;
    }

    /**
     * This map inside the branch computed only when {@code taken} holds ({@link Branches}): its value and its
     * ReLU (still this map's one ReLU, computed outside) enter the branch.
     */
    public FeatureMap computedWhen(NetworkScope scope, Operand<TBool> taken) {
        return new FeatureMap(Branches.enter(scope.tf(), value, taken), this, taken);
    }

    /**
     * {@code op} (parameter-free, built through {@link NetworkScope#shared}) of the value. In a branch's copy it is
     * applied to the value outside the branch, so that the edges leaving a state keep sharing one op and one
     * gradient op (a pool's), and its output enters the branch.
     */
    public Operand<TFloat32> parameterFree(NetworkScope scope, UnaryOperator<Operand<TFloat32>> op) {
        return outside == null ? op.apply(value) : Branches.enter(scope.tf(), outside.parameterFree(scope, op), taken);
    }
}
