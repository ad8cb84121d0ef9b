package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snas4j.adapter.tensorflow.ops.CandidateOps;
import org.snas4j.adapter.tensorflow.ops.FeatureMap;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.testing.FiniteDifferences;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class MixedEdgeTest {

    @ParameterizedTest(name = "one-hot on {0}")
    @EnumSource(Operation.class)
    void oneHotZGivesExactlyThatOperation(Operation chosen) {
        for (int stride : new int[] {1, 2}) {
            EdgeShape edge = new EdgeShape(4, stride, 6, 6 / stride);
            try (GraphProbe probe = new GraphProbe()) {
                Placeholder<TFloat32> x = probe.input("x", Shape.of(2, 6, 6, 4));
                Placeholder<TFloat32> z = probe.input("z", Shape.of(Operation.COUNT));
                NetworkScope scope = probe.scope(Mode.TRAINING);
                Operand<TFloat32> mixed = MixedEdge.build(scope, FeatureMap.of(x), edge, z, CandidateOps.search());
                // The same variable path, so the lone op reuses the mixed edge's weights.
                Operand<TFloat32> alone = CandidateOps.search().build(scope.child(chosen.id()), chosen, FeatureMap.of(x), edge);
                probe.finish(mixed, 5);
                float[] oneHot = new float[Operation.COUNT];
                oneHot[chosen.ordinal()] = 1f;
                Map<String, float[]> point = probe.point(Map.of("x", Map4.random(2, 6, 6, 4, 8).data(), "z", oneHot));
                // Identity (skip at stride 1) returns the fed placeholder itself, which cannot be fetched.
                float[] expected = alone == x ? point.get("x") : probe.fetch(alone, point);
                assertArrayEquals(expected, probe.output(point), 1e-6f, chosen + " at stride " + stride);
            }
        }
    }

    @ParameterizedTest(name = "stride {0}")
    @ValueSource(ints = {1, 2})
    void gradientsWithRespectToInputWeightsAndZMatchFiniteDifferences(int stride) {
        EdgeShape edge = new EdgeShape(4, stride, 6, 6 / stride);
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> x = probe.input("x", Shape.of(2, 6, 6, 4));
            Placeholder<TFloat32> z = probe.input("z", Shape.of(Operation.COUNT));
            probe.finish(MixedEdge.build(probe.scope(Mode.TRAINING), FeatureMap.of(x), edge, z, CandidateOps.search()), 6);
            float[] softZ = {0.05f, 0.1f, 0.15f, 0.2f, 0.1f, 0.15f, 0.1f, 0.15f};
            Map<String, float[]> point = probe.point(new HashMap<>(Map.of("x", Map4.random(2, 6, 6, 4, 9).data(), "z", softZ)));
            Map<String, float[]> gradient = probe.gradient(point);
            FiniteDifferences.assertEveryCoordinate("mixed edge", probe::objective, point, gradient, "z", 1e-3, 1e-2);
            for (String name : probe.parameterNames()) {
                FiniteDifferences.assertDirectionalDerivatives("mixed edge", probe::objective, point, gradient, List.of(name),
                        1, 2e-2, name.hashCode());
            }
        }
    }
}
