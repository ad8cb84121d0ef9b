package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NativeDepthwise;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Parameter-free ops that several edges apply to the same state are built once: the supernet's forward
 * pass has one pool of each kind per cell state, not one per edge (SupernetGoldenStepTest shows the
 * numbers did not change).
 */
class SharedOpsTest {

    @Test
    void equalKeysUnderOneRootShareTheOpAndOtherKeysOrRootsDoNot() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            VariableStore store = new VariableStore(tf);
            NetworkScope training = NetworkScope.root(tf, store, Mode.TRAINING);
            Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 6, 6, 3)));
            Operand<TFloat32> pooled = Layers.maxPool3x3(training.child("edge0"), x, 2);
            assertSame(pooled, Layers.maxPool3x3(training.child("edge1").child("max_pool_3x3"), x, 2), "same input and stride, other scope");
            assertNotSame(pooled, Layers.maxPool3x3(training, x, 1), "another stride");
            assertNotSame(pooled, Layers.avgPool3x3(training, x, 2), "another op");
            assertNotSame(Layers.pad(training, x, 1), Layers.pad(training, x, 2), "another padding");
            assertNotSame(pooled, Layers.maxPool3x3(NetworkScope.root(tf, store, Mode.INFERENCE), x, 2), "another root");
        }
    }

    @Test
    void theSupernetPoolsEachCellStateOncePerKind() {
        NetworkShape shape = new NetworkShape(3, 2, 8, 1, 3);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            NetworkScope scope = NetworkScope.root(tf, new VariableStore(tf), Mode.TRAINING);
            Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 1)));
            CellPair<Operand<TFloat32>> z = CellPair.of(kind -> tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(14, 8))));
            SupernetNetwork.logits(scope, NetworkLayout.of(shape), images, z);
            Map<String, Integer> counts = new HashMap<>();
            graph.operations().forEachRemaining(op -> counts.merge(((GraphOperation) op).type(), 1, Integer::sum));
            // 3 cells x 5 states with outgoing edges; 14 edges per cell would be 42.
            assertEquals(15, counts.get("MaxPool"));
            assertEquals(15, counts.get("AvgPool"));
            // Separable convolutions (2 depthwise each) and dilated ones (1) stay one per edge: 3 x 14 x (2 + 2 + 1 + 1);
            // on this project's kernels each is one op with its 1x1 convolution.
            String depthwise = NativeDepthwise.appliesTo(tf) ? "Snas4jSeparableConv2d" : "DepthwiseConv2dNative";
            assertEquals(3 * 14 * 6, counts.get(depthwise), counts.toString());
        }
    }
}
