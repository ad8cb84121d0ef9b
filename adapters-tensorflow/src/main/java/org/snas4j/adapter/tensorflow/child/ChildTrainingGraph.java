package org.snas4j.adapter.tensorflow.child;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snas4j.adapter.tensorflow.ops.DropPath;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.MomentumSgd;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The graph that trains a child network: a training pass (batch BN statistics, drop-path, auxiliary
 * loss) and an inference pass over the same variables, and the in-graph update of DARTS' optimiser
 * ({@link MomentumSgd}: gradient-norm clip, weight decay, momentum).
 */
final class ChildTrainingGraph {

    final VariableStore variables;
    final Placeholder<TFloat32> images;
    final Placeholder<TFloat32> labels;
    final Placeholder<TFloat32> learningRate;
    final Placeholder<TFloat32> keepProbability;
    final Placeholder<TInt64> dropPathSeed;

    /** Scalars of the training pass. */
    final Operand<TFloat32> loss;
    final Operand<TFloat32> objective;
    final Operand<TFloat32> accuracy;
    /** The trainable variables the objective depends on, in creation order: those the optimiser updates. */
    final List<String> trainable;
    /** Gradients of the objective w.r.t. {@link #trainable}, in the same order. */
    final List<Output<?>> gradients;
    /** Runs the BN moving-average updates and one optimiser step. */
    final List<Op> trainTargets = new ArrayList<>();

    /** Inference pass: logits, summed loss, top-1 and top-k hit counts. */
    final Operand<TFloat32> inferenceLogits;
    final Operand<TFloat32> inferenceLossSum;
    final Operand<TFloat32> inferenceCorrect;
    final Operand<TFloat32> inferenceCorrectTopK;

    ChildTrainingGraph(Graph graph, ChildNetworkConfig config, SessionSettings settings) {
        Ops tf = Ops.create(graph).withDevice(settings.placement());
        NetworkShape shape = config.shape();
        variables = new VariableStore(tf);
        Shape imageShape = Shape.of(-1, shape.inputSize(), shape.inputSize(), shape.inputChannels());
        images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(imageShape));
        labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, shape.classes())));
        learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        keepProbability = tf.withName("keep_probability").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        dropPathSeed = tf.withName("drop_path_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));

        NetworkScope training = NetworkScope.root(tf.withSubScope("train"), variables, Mode.TRAINING);
        ChildNetwork.Outputs trained = ChildNetwork.training(training, images, config.genotype(), shape, config.options(),
                new DropPath(keepProbability, dropPathSeed));
        Ops t = training.tf();
        Operand<TFloat32> trainingTargets = smoothed(t, labels, config.labelSmoothing(), shape.classes());
        loss = meanCrossEntropy(t, trained.logits(), trainingTargets);
        objective = trained.auxiliaryLogits()
                .map(aux -> (Operand<TFloat32>) t.math.add(loss, t.math.mul(t.constant((float) config.auxiliaryWeight()),
                        meanCrossEntropy(t, aux, trainingTargets))))
                .orElseGet(() -> t.identity(loss));
        accuracy = t.math.mean(t.dtypes.cast(t.math.equal(t.math.argMax(trained.logits(), t.constant(1)),
                t.math.argMax(labels, t.constant(1))), TFloat32.class), t.constant(0));

        // A genotype may leave weights off every path to the loss (the preprocessing of a cell input that
        // no kept edge reads): TensorFlow refuses to differentiate those, and PyTorch's SGD skips weights
        // without a gradient, so they are left out of the update.
        trainable = reachableFrom(objective, variables.names(VariableStore.Kind.TRAINABLE));
        Output<?>[] xs = trainable.stream().map(name -> variables.variable(name).asOutput()).toArray(Output<?>[]::new);
        gradients = List.of(graph.addGradients(objective.asOutput(), xs));
        List<Operand<TFloat32>> weightGradients = new ArrayList<>();
        for (Output<?> g : gradients) {
            weightGradients.add(g.expect(TFloat32.class));
        }
        trainTargets.addAll(training.updates());
        trainTargets.add(MomentumSgd.build(tf, variables, trainable, weightGradients, learningRate,
                new MomentumSgd.Hyperparameters(config.sgd().momentum(), config.sgd().weightDecay(), config.sgd().gradientClip())).step());

        NetworkScope inference = NetworkScope.root(tf.withSubScope("eval"), variables, Mode.INFERENCE);
        ChildNetwork.Outputs evaluated = ChildNetwork.inference(inference, images, config.genotype(), shape, config.options());
        Ops e = inference.tf();
        inferenceLogits = evaluated.logits();
        Operand<TFloat32> perExample = e.nn.softmaxCrossEntropyWithLogits(inferenceLogits, labels).loss();
        inferenceLossSum = e.sum(perExample, e.constant(0));
        Operand<TInt64> targets = e.math.argMax(labels, e.constant(1));
        inferenceCorrect = hits(e, inferenceLogits, targets, 1);
        inferenceCorrectTopK = hits(e, inferenceLogits, targets, Math.min(5, shape.classes()));
    }

    /** The variables among {@code names} that {@code output} reads through data edges. */
    private List<String> reachableFrom(Operand<?> output, List<String> names) {
        Set<String> reached = new HashSet<>();
        Deque<GraphOperation> pending = new ArrayDeque<>();
        pending.add((GraphOperation) output.op());
        while (!pending.isEmpty()) {
            GraphOperation op = pending.pop();
            if (reached.add(op.name())) {
                for (Operand<?> input : op.inputs()) {
                    pending.push((GraphOperation) input.op());
                }
            }
        }
        return names.stream().filter(name -> reached.contains(variables.variable(name).op().name())).toList();
    }

    /**
     * The training targets: the fed one-hot labels, or with label smoothing epsilon
     * (1 - epsilon) * one-hot + epsilon / classes, as the authors' {@code CrossEntropyLabelSmooth} builds
     * them; the softmax cross-entropy of these soft targets is their loss, mean over the batch.
     */
    static Operand<TFloat32> smoothed(Ops tf, Operand<TFloat32> oneHot, double epsilon, int classes) {
        if (epsilon == 0) {
            return oneHot;
        }
        return tf.math.add(tf.math.mul(oneHot, tf.constant((float) (1 - epsilon))), tf.constant((float) (epsilon / classes)));
    }

    static Operand<TFloat32> meanCrossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHot) {
        return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
    }

    private static Operand<TFloat32> hits(Ops tf, Operand<TFloat32> logits, Operand<TInt64> targets, int k) {
        Operand<TFloat32> inTop = tf.dtypes.cast(tf.nn.inTopK(logits, targets, tf.constant((long) k)), TFloat32.class);
        return tf.sum(inTop, tf.constant(0));
    }
}
