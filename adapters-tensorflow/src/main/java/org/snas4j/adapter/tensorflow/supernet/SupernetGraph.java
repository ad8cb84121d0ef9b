package org.snas4j.adapter.tensorflow.supernet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snas4j.adapter.tensorflow.ops.DropPath;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.MomentumSgd;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The whole supernet graph: placeholders, the training pass with its loss, the gradients of the loss
 * with respect to every weight and both Z placeholders (computed once), the SGD update, and an
 * inference pass over the same variables.
 */
final class SupernetGraph implements AutoCloseable {

    final Graph graph;
    final NetworkLayout layout;
    final VariableStore variables;

    final Placeholder<TFloat32> images;
    final Placeholder<TFloat32> oneHotLabels;
    final Placeholder<TInt32> labels;
    final CellPair<Placeholder<TFloat32>> z;
    final Placeholder<TFloat32> learningRate;
    /** 1 - drop-path probability of training steps (fed 1 to recalibrate); null when the graph has no drop-path. */
    final Operand<TFloat32> keepProbability;
    /** (stream, step) of this step's drop-path masks; null when the graph has no drop-path. */
    final Operand<TInt64> dropPathSeed;
    /** BN moving-average momentum of the training pass: 0.1 unless fed (recalibration feeds 1 / (k + 1)). */
    final Operand<TFloat32> batchNormMomentum;

    final Operand<TFloat32> loss;
    final Operand<TFloat32> accuracy;
    final CellPair<Output<TFloat32>> lossGradientZ;
    final Operand<TFloat32> gradientNorm;
    final Op trainStep;
    /** The supernet's own passes: BN re-estimation of the training pass and evaluation, for any Z. */
    final Passes supernet;

    /**
     * The passes besides the training step that a Z is run through.
     *
     * @param recalibrationStep a training-mode pass's BN moving-statistics updates alone: no weight update
     * @param lossSum           an inference pass's cross-entropy summed over the batch
     * @param correct           images whose label is the largest logit
     * @param correctTop5       images whose label is among the five largest logits
     */
    record Passes(Op recalibrationStep, Operand<TFloat32> lossSum, Operand<TFloat32> correct, Operand<TFloat32> correctTop5) {
    }

    /**
     * Passes built for discrete Z beyond this many use the supernet's: each child's passes stay in the graph, and
     * a search meets a few dozen children at most (two per epoch, most repeating once the temperature is low).
     */
    static final int MAX_CHILD_PASSES = 32;

    private final Ops tf;
    private final NetworkShape shape;
    private final CellPair<Operand<TFloat32>> zOperands;
    private final Map<OpSelection, Passes> childPasses = new HashMap<>();

    SupernetGraph(SupernetConfig config, SessionSettings settings) {
        shape = config.shape();
        if (shape.kind() != org.snas4j.domain.space.NetworkKind.CIFAR) {
            throw new IllegalArgumentException("the supernet is built in the CIFAR layout, not " + shape.kind().id());
        }
        layout = NetworkLayout.of(shape);
        graph = new Graph();
        try {
            tf = Ops.create(graph).withDevice(settings.placement());
            variables = new VariableStore(tf);
            images = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, shape.inputSize(), shape.inputSize(), shape.inputChannels())));
            oneHotLabels = tf.withName("one_hot_labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, shape.classes())));
            labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Shape zShape = Shape.of(EdgeOpMatrix.ROWS, EdgeOpMatrix.COLUMNS);
            z = new CellPair<>(tf.withName("z_normal").placeholder(TFloat32.class, Placeholder.shape(zShape)),
                    tf.withName("z_reduction").placeholder(TFloat32.class, Placeholder.shape(zShape)));
            learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            zOperands = z.map(p -> p);

            batchNormMomentum = tf.withName("batch_norm_momentum").placeholderWithDefault(tf.constant(Layers.BATCH_NORM_MOMENTUM),
                    Shape.scalar());
            DropPath dropPath = null;
            if (config.dropPath() > 0) {
                keepProbability = tf.withName("keep_probability").placeholderWithDefault(tf.constant((float) (1 - config.dropPath())),
                        Shape.scalar());
                dropPathSeed = tf.withName("drop_path_seed").placeholderWithDefault(tf.constant(new long[] {0L, 0L}), Shape.of(2));
                dropPath = new DropPath(keepProbability, dropPathSeed);
            } else {
                keepProbability = null;
                dropPathSeed = null;
            }

            NetworkScope training = NetworkScope.root(tf, variables, Mode.TRAINING).withBatchNormMomentum(batchNormMomentum);
            Operand<TFloat32> trainLogits = SupernetNetwork.logits(training, layout, images, zOperands, dropPath);
            Ops metrics = tf;
            loss = metrics.math.mean(crossEntropy(metrics, trainLogits), metrics.constant(0));
            accuracy = metrics.math.mean(correct(metrics, trainLogits, 1), metrics.constant(0));

            // One backward pass for the weights and the Z of every cell kind the network has (a network
            // of 1 or 2 cells has reduction cells only: its normal Z reaches nothing, dLoss/dZ = 0).
            List<String> weightNames = variables.names(VariableStore.Kind.TRAINABLE);
            List<Output<?>> xs = new ArrayList<>(weightNames.size() + 2);
            weightNames.forEach(name -> xs.add(variables.variable(name).asOutput()));
            List<CellKind> presentKinds = new ArrayList<>();
            for (CellKind kind : CellKind.values()) {
                if (layout.count(kind) > 0) {
                    presentKinds.add(kind);
                    xs.add(z.get(kind).asOutput());
                }
            }
            Output<?>[] gradients = graph.addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
            List<Output<TFloat32>> weightGradients = new ArrayList<>(weightNames.size());
            for (int i = 0; i < weightNames.size(); i++) {
                weightGradients.add(gradients[i].expect(TFloat32.class));
            }
            lossGradientZ = CellPair.of(kind -> presentKinds.contains(kind)
                    ? gradients[weightNames.size() + presentKinds.indexOf(kind)].expect(TFloat32.class)
                    : tf.zerosLike(z.get(kind)).asOutput());

            MomentumSgd.Update update = MomentumSgd.build(tf, variables, weightNames, weightGradients, learningRate,
                    new MomentumSgd.Hyperparameters(config.sgd().momentum(), config.sgd().weightDecay(), config.sgd().gradientClip()));
            gradientNorm = update.gradientNorm();
            List<Op> everything = new ArrayList<>(training.updates());
            everything.add(update.step());
            trainStep = tf.withName("train_step").withControlDependencies(everything).noOp();
            Op recalibrationStep = tf.withName("recalibration_step").withControlDependencies(training.updates()).noOp();
            supernet = evaluation(recalibrationStep, OpSelection.ALL);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * The passes for {@code z}: for a discrete Z (a derived child) passes of the child's ops alone, built into
     * this graph on first use over the same variables and placeholders (see {@link OpSelection}); otherwise,
     * or once {@link #MAX_CHILD_PASSES} children have passes, the supernet's.
     */
    Passes passesFor(CellPair<EdgeOpMatrix> z) {
        if (!OpSelection.isDiscrete(z)) {
            return supernet;
        }
        OpSelection selection = OpSelection.chosenBy(z);
        Passes built = childPasses.get(selection);
        if (built == null && childPasses.size() < MAX_CHILD_PASSES) {
            built = childPasses(selection);
            childPasses.put(selection, built);
        }
        return built == null ? supernet : built;
    }

    /** Passes built so far for discrete Z. */
    int childPassCount() {
        return childPasses.size();
    }

    private Passes childPasses(OpSelection selection) {
        // No drop-path: recalibration runs the supernet's training pass with every path kept, which is this.
        NetworkScope training = NetworkScope.root(tf, variables, Mode.TRAINING).withBatchNormMomentum(batchNormMomentum);
        SupernetNetwork.logits(training, layout, images, zOperands, null, selection);
        return evaluation(tf.withControlDependencies(training.updates()).noOp(), selection);
    }

    /** {@code recalibrationStep} with an inference pass of the ops {@code selection} keeps. */
    private Passes evaluation(Op recalibrationStep, OpSelection selection) {
        NetworkScope inference = NetworkScope.root(tf, variables, Mode.INFERENCE);
        Operand<TFloat32> logits = SupernetNetwork.logits(inference, layout, images, zOperands, null, selection);
        Operand<TInt32> batchAxis = tf.constant(0);
        return new Passes(recalibrationStep, tf.sum(crossEntropy(tf, logits), batchAxis), tf.sum(correct(tf, logits, 1), batchAxis),
                tf.sum(correct(tf, logits, Math.min(5, shape.classes())), batchAxis));
    }

    private Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits) {
        return tf.nn.softmaxCrossEntropyWithLogits(logits, oneHotLabels).loss();
    }

    /** 1 where the label is among the {@code k} largest logits, else 0. */
    private Operand<TFloat32> correct(Ops tf, Operand<TFloat32> logits, int k) {
        return tf.dtypes.cast(tf.nn.inTopK(logits, labels, tf.constant(k)), TFloat32.class);
    }

    @Override
    public void close() {
        graph.close();
    }
}
