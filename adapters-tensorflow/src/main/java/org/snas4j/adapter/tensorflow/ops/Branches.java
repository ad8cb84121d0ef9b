package org.snas4j.adapter.tensorflow.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Merge;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Ops computed only when a fed predicate holds, on TensorFlow's own conditional execution: every tensor
 * entering the branch passes through a {@code Switch} ({@link #enter}), whose untaken output is "dead", and
 * TensorFlow runs no op with a dead input, in the forward pass or in its gradient; the branch leaves through a
 * {@code Merge} with a tensor that is live exactly when the branch is not ({@link #leave}).
 *
 * <p>TensorFlow's C++ gradient registry, which TensorFlow Java's {@code addGradients} uses, has no gradient for
 * either op: they are registered here. A {@code Merge} passes its output's gradient to the input that was
 * taken; a {@code Switch} passes on the gradient of its live output, and zeros of the input's shape when the
 * branch's gradient is dead, so that every gradient outside the branch (a weight's, the gradient norm, dLoss/dZ)
 * stays live.
 */
public final class Branches {

    private static final boolean REGISTERED = TensorFlow.registerCustomGradient("Switch", Branches::switchGradient)
            & TensorFlow.registerCustomGradient("Merge", Branches::mergeGradient);

    private Branches() {
    }

    /** {@code x} inside the branch taken when {@code taken} is true: ops reading it run only then. */
    public static <T extends TType> Operand<T> enter(Ops tf, Operand<T> x, Operand<TBool> taken) {
        requireGradients();
        return tf.switchCond(x, taken).outputTrue();
    }

    /**
     * The branch's output {@code inside} when {@code taken} is true, else {@code otherwise} (computed outside
     * the branch, of the same shape).
     */
    public static Operand<TFloat32> leave(Ops tf, Operand<TFloat32> inside, Operand<TFloat32> otherwise, Operand<TBool> taken) {
        requireGradients();
        Operand<TFloat32> notTaken = tf.switchCond(otherwise, taken).outputFalse();
        return tf.merge(List.of(inside, notTaken)).output();
    }

    private static void requireGradients() {
        if (!REGISTERED) {
            throw new IllegalStateException("the gradients of Switch and Merge could not be registered with TensorFlow");
        }
    }

    /** (data, predicate) -> the live one of the outputs' gradients (zeros for an output without one); none for the predicate. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Operand<?>> switchGradient(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        Operand whenFalse = gradients.get(0) != null ? gradients.get(0) : tf.zerosLike((Operand) op.output(0));
        Operand whenTrue = gradients.get(1) != null ? gradients.get(1) : tf.zerosLike((Operand) op.output(1));
        // TensorFlow Java takes no null gradient; the predicate's is never used (it is fed, not computed from a weight).
        return List.of(tf.merge(List.of(whenFalse, whenTrue)).output(), tf.zerosLike((Operand) op.input(1)));
    }

    /** Each input's gradient: the output's, live only for the input the merge took (its value_index). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Operand<?>> mergeGradient(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        Output<TInt32> takenInput = op.output(1);
        List<Operand<?>> inputGradients = new ArrayList<>(op.numInputs());
        for (int i = 0; i < op.numInputs(); i++) {
            inputGradients.add(tf.switchCond((Operand) gradients.get(0), tf.math.equal(takenInput, tf.constant(i))).outputTrue());
        }
        return inputGradients;
    }
}
