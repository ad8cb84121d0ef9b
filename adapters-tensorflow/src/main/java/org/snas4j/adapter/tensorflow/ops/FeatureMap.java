package org.snas4j.adapter.tensorflow.ops;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
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
    /** Applies a parameter-free op: to the value, or outside the branch this map is a copy in, entering the result. */
    private final BiFunction<NetworkScope, UnaryOperator<Operand<TFloat32>>, Operand<TFloat32>> parameterFree;
    /** Builds the ReLU: of the value, or the one of the map this one is a branch's copy of. */
    private final Function<NetworkScope, Operand<TFloat32>> activation;
    private Operand<TFloat32> activated;

    private FeatureMap(Operand<TFloat32> value, Function<NetworkScope, Operand<TFloat32>> activation,
                       BiFunction<NetworkScope, UnaryOperator<Operand<TFloat32>>, Operand<TFloat32>> parameterFree) {
        this.value = Objects.requireNonNull(value, "value");
        this.activation = activation;
        this.parameterFree = parameterFree;
    }

    private FeatureMap(Operand<TFloat32> value) {
        this.value = Objects.requireNonNull(value, "value");
        this.activation = scope -> Layers.relu(scope, this.value);
        this.parameterFree = (scope, op) -> op.apply(this.value);
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
            activated = activation.apply(scope);
        }
        return activated;
    }

    /**
     * This map inside the branch computed only when {@code taken} holds ({@link Branches}): its value and its
     * ReLU (still this map's one ReLU, computed outside) enter the branch.
     */
    public FeatureMap computedWhen(NetworkScope scope, Operand<TBool> taken) {
        return new FeatureMap(Branches.enter(scope.tf(), value, taken), inside -> Branches.enter(inside.tf(), relu(inside), taken),
                (inside, op) -> Branches.enter(inside.tf(), parameterFree(inside, op), taken));
    }

    /**
     * {@code op} (parameter-free, built through {@link NetworkScope#shared}) of the value. In a branch's copy it is
     * applied to the value outside the branch, so that the edges leaving a state keep sharing one op and one
     * gradient op (a pool's), and its output enters the branch.
     */
    public Operand<TFloat32> parameterFree(NetworkScope scope, UnaryOperator<Operand<TFloat32>> op) {
        return parameterFree.apply(scope, op);
    }
}
