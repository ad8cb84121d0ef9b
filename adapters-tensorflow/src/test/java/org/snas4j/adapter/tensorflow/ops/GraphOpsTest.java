package org.snas4j.adapter.tensorflow.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** GraphOps names operations as TensorFlow's own scopes do, without walking the graph. */
class GraphOpsTest {

    @Test
    void namesMatchTensorFlowsScopes() {
        assertEquals(names(Ops::create), names(GraphOps::create));
        assertEquals(List.of("a/Const", "a/Const_1", "a/b/Const", "a_1/Const", "named", "named_1", "a/b_1/x"), names(GraphOps::create));
    }

    @Test
    void avoidsNamesTakenByOperationsBuiltElsewhere() {
        try (Graph graph = new Graph()) {
            Ops.create(graph).withSubScope("a").constant(1f);
            Ops fast = GraphOps.create(graph);
            assertEquals("a/Const_1", fast.withSubScope("a").constant(2f).op().name());
            assertEquals("Const", fast.constant(3f).op().name());
            Ops.create(graph).withName("Const_1").constant(4f);
            assertEquals("Const_2", fast.constant(5f).op().name());
        }
    }

    @Test
    void controlDependenciesAndComputationWork() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = GraphOps.create(graph);
            var variable = tf.withSubScope("v").variable(tf.constant(1f));
            var assign = tf.assign(variable, tf.constant(5f));
            Operand<TFloat32> read = tf.withControlDependencies(List.of(assign)).withSubScope("after").identity(variable);
            session.initialize();
            try (Result result = session.runner().fetch(read).run()) {
                assertEquals(5f, ((TFloat32) result.get(0)).getFloat());
            }
        }
    }

    @Test
    void refusesInvalidNames() {
        try (Graph graph = new Graph()) {
            Ops tf = GraphOps.create(graph);
            assertThrows(IllegalArgumentException.class, () -> tf.withSubScope("a b"));
            assertThrows(IllegalArgumentException.class, () -> tf.withName("x/y"));
        }
    }

    private static List<String> names(java.util.function.Function<Graph, Ops> factory) {
        try (Graph graph = new Graph()) {
            Ops tf = factory.apply(graph);
            Ops a = tf.withSubScope("a");
            return List.of(a.constant(1f).op().name(), a.constant(2f).op().name(), a.withSubScope("b").constant(3f).op().name(),
                    tf.withSubScope("a").constant(4f).op().name(), tf.withName("named").constant(5f).op().name(),
                    tf.withName("named").constant(6f).op().name(), a.withSubScope("b").withName("x").constant(7f).op().name());
        }
    }
}
