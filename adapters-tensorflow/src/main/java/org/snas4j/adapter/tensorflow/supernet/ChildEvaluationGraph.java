package org.snas4j.adapter.tensorflow.supernet;

import java.util.Map;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.NativeResources;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.domain.space.NetworkLayout;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * A derived child's BN re-estimation and evaluation passes in a graph and session of their own, holding the
 * supernet's current values of the child's variables: the child's ops alone ({@link OpSelection}), so a
 * fraction of the supernet's work, and nothing the supernet's session holds changes. Closing it frees it all:
 * a search's memory does not grow with the children it evaluates.
 */
final class ChildEvaluationGraph implements AutoCloseable {

    final Graph graph;
    final Session session;
    final SupernetInputs inputs;
    final SupernetGraph.Passes passes;

    /** @param supernetValues the supernet's variables by name, a superset of the child's */
    ChildEvaluationGraph(NetworkLayout layout, OpSelection selection, SessionSettings settings, Map<String, float[]> supernetValues) {
        try (NativeResources acquiring = new NativeResources()) {
            graph = acquiring.add(new Graph());
            Ops tf = Ops.create(graph).withDevice(settings.placement());
            VariableStore variables = new VariableStore(tf);
            inputs = SupernetInputs.create(tf, layout.shape());
            // No drop-path: the supernet's re-estimation feeds it a keep probability of 1.
            NetworkScope training = NetworkScope.root(tf, variables, Mode.TRAINING).withBatchNormMomentum(inputs.batchNormMomentum());
            SupernetNetwork.logits(training, layout, inputs.images(), inputs.zOperands(), null, selection);
            passes = SupernetGraph.Passes.build(tf, variables, layout, inputs, tf.withControlDependencies(training.updates()).noOp(),
                    selection);
            session = acquiring.add(new Session(graph, settings.toConfigProto()));
            variables.writeFrom(session, supernetValues);
            acquiring.keepAll();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
