package org.snas4j.adapter.tensorflow.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Where an op builder is building: the variable path (shared by the training and inference passes),
 * the mode, and the collector of side updates (BN moving statistics) that the training step must run.
 * Ops themselves get TensorFlow's automatic names: in TensorFlow Java 1.1.0 every
 * {@code Ops.withSubScope} call costs time proportional to the graph's size, which made building
 * a supernet with one name scope per module take minutes.
 */
public final class NetworkScope {

    private final Ops tf;
    private final VariableStore variables;
    private final Mode mode;
    private final String path;
    private final List<Op> updates;
    /** Pure ops built under this root, by what they compute: see {@link #shared}. */
    private final Map<List<Object>, Operand<TFloat32>> sharedOps;
    /** Fed BN momentum of the training pass, or null for PyTorch's constant 0.1. */
    private final Operand<TFloat32> batchNormMomentum;
    /** The predicate of the branch this scope builds in ({@link #computedWhen}), or null: always computed. */
    private final Operand<TBool> branch;

    private NetworkScope(Ops tf, VariableStore variables, Mode mode, String path, List<Op> updates,
                         Map<List<Object>, Operand<TFloat32>> sharedOps, Operand<TFloat32> batchNormMomentum, Operand<TBool> branch) {
        this.tf = tf;
        this.variables = variables;
        this.mode = mode;
        this.path = path;
        this.updates = updates;
        this.sharedOps = sharedOps;
        this.batchNormMomentum = batchNormMomentum;
        this.branch = branch;
    }

    /** A fresh root: ops are created with {@code tf}, variables from the empty path. */
    public static NetworkScope root(Ops tf, VariableStore variables, Mode mode) {
        return new NetworkScope(Objects.requireNonNull(tf, "tf"), Objects.requireNonNull(variables, "variables"),
                Objects.requireNonNull(mode, "mode"), "", new ArrayList<>(), new HashMap<>(), null, null);
    }

    /**
     * This root with the BN layers' moving-average momentum taken from {@code momentum} (a scalar,
     * typically a placeholder with default 0.1) instead of the constant: feeding 1 / (k + 1) at the
     * k-th of several passes makes the moving statistics the exact mean over those passes, which is how
     * a child's statistics are re-estimated.
     */
    public NetworkScope withBatchNormMomentum(Operand<TFloat32> momentum) {
        return new NetworkScope(tf, variables, mode, path, updates, sharedOps, Objects.requireNonNull(momentum, "momentum"), branch);
    }

    /** The fed BN momentum, if this scope's root has one. */
    public Optional<Operand<TFloat32>> batchNormMomentum() {
        return Optional.ofNullable(batchNormMomentum);
    }

    /** A nested scope: variable names get {@code name} appended. */
    public NetworkScope child(String name) {
        return new NetworkScope(tf, variables, mode, qualify(name), updates, sharedOps, batchNormMomentum, branch);
    }

    /**
     * This scope inside the branch computed only when {@code taken} holds ({@link Branches}): its weights
     * enter the branch, so that the ops reading them, and their gradients, do not run otherwise. The inputs
     * of the ops built here must enter it too ({@link FeatureMap#computedWhen(NetworkScope, Operand)}); a moving-statistics update
     * whose batch statistic is not computed does not run either.
     */
    public NetworkScope computedWhen(Operand<TBool> taken) {
        if (branch != null) {
            throw new IllegalStateException("branches do not nest: " + path + " is already in one");
        }
        return new NetworkScope(tf, variables, mode, path, updates, sharedOps, batchNormMomentum, Objects.requireNonNull(taken, "taken"));
    }

    public Ops tf() {
        return tf;
    }

    public Mode mode() {
        return mode;
    }

    public boolean isTraining() {
        return mode == Mode.TRAINING;
    }

    /** The variable path of this scope ("" at the root, e.g. "cell0/edge3/sep_conv_3x3"). */
    public String path() {
        return path;
    }

    public VariableStore variables() {
        return variables;
    }

    /** The trainable variable {@code name} under this scope, created on first request (inside this scope's branch, if any). */
    public Operand<TFloat32> weight(String name, Shape shape, WeightInit init) {
        Variable<TFloat32> variable = variables.trainable(qualify(name), shape, init);
        return branch == null ? variable : Branches.enter(tf, variable, branch);
    }

    /** The non-trainable variable {@code name} under this scope, created on first request. */
    public Variable<TFloat32> state(String name, Shape shape, WeightInit init) {
        return variables.state(qualify(name), shape, init);
    }

    /**
     * The op {@code build} makes, built once per root for equal keys. A supernet applies the same
     * parameter-free op to the same input on every edge that leaves a state (its pools, the padding and
     * subsampling in front of strided and dilated convolutions): built once, the op's output is computed
     * and kept for the backward pass once, and its gradient op runs once on the summed gradients.
     *
     * @param key what the op computes: its name, its inputs' {@link Operand#asOutput()} and its attributes
     */
    public Operand<TFloat32> shared(List<Object> key, Supplier<Operand<TFloat32>> build) {
        Operand<TFloat32> op = sharedOps.get(key);
        if (op == null) {
            op = Objects.requireNonNull(build.get(), "build");
            sharedOps.put(List.copyOf(key), op);
        }
        return op;
    }

    /** Registers an op the training step must run besides the weight update (e.g. a moving average). */
    public void addUpdate(Op update) {
        updates.add(Objects.requireNonNull(update, "update"));
    }

    /** The updates registered by every scope sharing this root, in registration order. */
    public List<Op> updates() {
        return Collections.unmodifiableList(updates);
    }

    private String qualify(String name) {
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("a scope or variable name must be a non-empty single segment, got '" + name + "'");
        }
        return path.isEmpty() ? name : path + "/" + name;
    }
}
