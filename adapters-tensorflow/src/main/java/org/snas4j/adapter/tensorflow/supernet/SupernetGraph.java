package org.snas4j.adapter.tensorflow.supernet;

import java.util.ArrayList;
import java.util.List;
import org.snas4j.adapter.tensorflow.ops.DropPath;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.MomentumSgd;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
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

    /** The batch, Z and BN momentum placeholders. */
    final SupernetInputs inputs;
    final Placeholder<TFloat32> learningRate;
    /** 1 - drop-path probability of training steps (fed 1 to recalibrate); null when the graph has no drop-path. */
    final Operand<TFloat32> keepProbability;
    /** (stream, step) of this step's drop-path masks; null when the graph has no drop-path. */
    final Operand<TInt64> dropPathSeed;

    /** The training pass of every op, with dLoss/dZ. */
    final TrainingPass full;
    /**
     * A second training pass over the same variables whose ops run only where the fed {@code computed} matrices
     * are true, for steps that need no dLoss/dZ ({@link TensorFlowSupernetTrainer#trainWeightsStep}). Apart, so
     * that the full pass has no Switch or Merge in it: they made its step 9-25% slower. Built on first use
     * ({@link #weightsOnly()}): it adds about 0.2 GB to the process, which a run of full steps alone (bench) need not carry.
     */
    private TrainingPass weightsOnly;
    private final SupernetConfig config;
    private final Ops tf;
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

        /** {@code recalibrationStep} with an inference pass of the ops {@code selection} keeps. */
        static Passes build(Ops tf, VariableStore variables, NetworkLayout layout, SupernetInputs inputs, Op recalibrationStep,
                            OpSelection selection) {
            NetworkScope inference = NetworkScope.root(tf, variables, Mode.INFERENCE);
            Operand<TFloat32> logits = SupernetNetwork.logits(inference, layout, inputs.images(), inputs.zOperands(), null, selection);
            Operand<TInt32> batchAxis = tf.constant(0);
            return new Passes(recalibrationStep, tf.sum(crossEntropy(tf, logits, inputs), batchAxis),
                    tf.sum(labelInTopK(tf, logits, inputs, 1), batchAxis),
                    tf.sum(labelInTopK(tf, logits, inputs, Math.min(5, layout.shape().classes())), batchAxis));
        }
    }

    /**
     * A training pass: forward with drop-path, loss, one backward pass, the momentum-SGD update.
     *
     * @param lossGradientZ     dLoss/dZ of both cell kinds; null for a weights-only pass
     * @param step              the weight update and the BN moving-statistics updates
     * @param batchNormUpdates  the latter alone
     */
    record TrainingPass(Operand<TFloat32> loss, Operand<TFloat32> accuracy, CellPair<Output<TFloat32>> lossGradientZ, Op step,
                        List<Op> batchNormUpdates) {

        static TrainingPass build(Graph graph, Ops tf, SupernetConfig config, VariableStore variables, NetworkLayout layout, SupernetInputs inputs,
                                  Operand<TFloat32> learningRate, Operand<TFloat32> keepProbability, Operand<TInt64> dropPathSeed,
                                  boolean weightsOnly) {
            // Each pass numbers its edges from 0, so both draw the same masks at a step.
            DropPath dropPath = keepProbability == null ? null : new DropPath(keepProbability, dropPathSeed);
            NetworkScope training = NetworkScope.root(tf, variables, Mode.TRAINING).withBatchNormMomentum(inputs.batchNormMomentum());
            Operand<TFloat32> logits = SupernetNetwork.logits(training, layout, inputs.images(), inputs.zOperands(),
                    weightsOnly ? inputs.computed() : null, dropPath, OpSelection.ALL);
            Operand<TFloat32> loss = tf.math.mean(crossEntropy(tf, logits, inputs), tf.constant(0));
            Operand<TFloat32> accuracy = tf.math.mean(labelInTopK(tf, logits, inputs, 1), tf.constant(0));

            // One backward pass for the weights and the Z of every cell kind the network has (a network
            // of 1 or 2 cells has reduction cells only: its normal Z reaches nothing, dLoss/dZ = 0).
            List<String> weightNames = variables.names(VariableStore.Kind.TRAINABLE);
            List<Output<?>> xs = new ArrayList<>(weightNames.size() + 2);
            weightNames.forEach(name -> xs.add(variables.variable(name).asOutput()));
            List<CellKind> presentKinds = new ArrayList<>();
            for (CellKind kind : CellKind.values()) {
                if (!weightsOnly && layout.count(kind) > 0) {
                    presentKinds.add(kind);
                    xs.add(inputs.z().get(kind).asOutput());
                }
            }
            Output<?>[] gradients = graph.addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
            List<Output<TFloat32>> weightGradients = new ArrayList<>(weightNames.size());
            for (int i = 0; i < weightNames.size(); i++) {
                weightGradients.add(gradients[i].expect(TFloat32.class));
            }
            CellPair<Output<TFloat32>> lossGradientZ = weightsOnly ? null : CellPair.of(kind -> presentKinds.contains(kind)
                    ? gradients[weightNames.size() + presentKinds.indexOf(kind)].expect(TFloat32.class)
                    : tf.zerosLike(inputs.z().get(kind)).asOutput());

            MomentumSgd.Update update = MomentumSgd.build(tf, variables, weightNames, weightGradients, learningRate,
                    new MomentumSgd.Hyperparameters(config.sgd().momentum(), config.sgd().weightDecay(), config.sgd().gradientClip()));
            List<Op> everything = new ArrayList<>(training.updates());
            everything.add(update.step());
            Op step = tf.withName(weightsOnly ? "weights_only_train_step" : "train_step").withControlDependencies(everything).noOp();
            return new TrainingPass(loss, accuracy, lossGradientZ, step, List.copyOf(training.updates()));
        }
    }

    SupernetGraph(SupernetConfig config, SessionSettings settings) {
        NetworkShape shape = config.shape();
        if (shape.kind() != org.snas4j.domain.space.NetworkKind.CIFAR) {
            throw new IllegalArgumentException("the supernet is built in the CIFAR layout, not " + shape.kind().id());
        }
        layout = NetworkLayout.of(shape);
        graph = new Graph();
        this.config = config;
        try {
            tf = Ops.create(graph).withDevice(settings.placement());
            variables = new VariableStore(tf);
            inputs = SupernetInputs.create(tf, shape);
            learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            if (config.dropPath() > 0) {
                keepProbability = tf.withName("keep_probability").placeholderWithDefault(tf.constant((float) (1 - config.dropPath())),
                        Shape.scalar());
                dropPathSeed = tf.withName("drop_path_seed").placeholderWithDefault(tf.constant(new long[] {0L, 0L}), Shape.of(2));
            } else {
                keepProbability = null;
                dropPathSeed = null;
            }

            full = TrainingPass.build(graph, tf, config, variables, layout, inputs, learningRate, keepProbability, dropPathSeed, false);
            Op recalibrationStep = tf.withName("recalibration_step").withControlDependencies(full.batchNormUpdates()).noOp();
            supernet = Passes.build(tf, variables, layout, inputs, recalibrationStep, OpSelection.ALL);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** The weights-only training pass, added to the graph the first time it is asked for. */
    TrainingPass weightsOnly() {
        if (weightsOnly == null) {
            weightsOnly = TrainingPass.build(graph, tf, config, variables, layout, inputs, learningRate, keepProbability, dropPathSeed, true);
        }
        return weightsOnly;
    }

    private static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits, SupernetInputs inputs) {
        return tf.nn.softmaxCrossEntropyWithLogits(logits, inputs.oneHotLabels()).loss();
    }

    /** 1 where the label is among the {@code k} largest logits, else 0. */
    private static Operand<TFloat32> labelInTopK(Ops tf, Operand<TFloat32> logits, SupernetInputs inputs, int k) {
        return tf.dtypes.cast(tf.nn.inTopK(logits, inputs.labels(), tf.constant(k)), TFloat32.class);
    }

    @Override
    public void close() {
        graph.close();
    }
}
