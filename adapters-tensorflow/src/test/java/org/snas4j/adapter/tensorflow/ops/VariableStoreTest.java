package org.snas4j.adapter.tensorflow.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.device.Device;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

class VariableStoreTest {

    @Test
    void sharesVariablesByNameAndRefusesConflictingRequests() {
        try (Graph graph = new Graph()) {
            VariableStore store = new VariableStore(Ops.create(graph));
            var conv = store.trainable("cell0/edge1/conv", Shape.of(3, 3, 2, 2), WeightInit.pytorchDefault(18));
            assertSame(conv, store.trainable("cell0/edge1/conv", Shape.of(3, 3, 2, 2), WeightInit.pytorchDefault(18)));
            assertThrows(IllegalStateException.class, () -> store.trainable("cell0/edge1/conv", Shape.of(3, 3, 2, 4), WeightInit.constant(0f)));
            assertThrows(IllegalStateException.class, () -> store.state("cell0/edge1/conv", Shape.of(3, 3, 2, 2), WeightInit.constant(0f)));
            store.state("cell0/bn/moving_mean", Shape.of(2), WeightInit.constant(0f));
            assertEquals(List.of("cell0/edge1/conv"), store.names(VariableStore.Kind.TRAINABLE));
            assertEquals(36, store.size(VariableStore.Kind.TRAINABLE));
            assertEquals(2, store.size(VariableStore.Kind.STATE));
        }
    }

    @Test
    void initialValuesDependOnSeedAndNameNotOnCreationOrder() {
        Map<String, float[]> forward = initialValues(List.of("a/w", "b/w"), 7);
        Map<String, float[]> backward = initialValues(List.of("b/w", "a/w"), 7);
        Map<String, float[]> otherSeed = initialValues(List.of("a/w", "b/w"), 8);
        assertArrayEquals(forward.get("a/w"), backward.get("a/w"));
        assertArrayEquals(forward.get("b/w"), backward.get("b/w"));
        assertFalse(Arrays.equals(forward.get("a/w"), forward.get("b/w")));
        assertFalse(Arrays.equals(forward.get("a/w"), otherSeed.get("a/w")));
        float bound = (float) (1 / Math.sqrt(10));
        for (float v : forward.get("a/w")) {
            assertEquals(0, v, bound);
        }
    }

    @Test
    void writeFromTakesItsOwnVariablesOutOfALargerMapAndNamesAMissingOne() {
        try (Graph graph = new Graph()) {
            VariableStore store = new VariableStore(Ops.create(graph));
            store.trainable("a/w", Shape.of(2), WeightInit.constant(0f));
            store.state("a/bn/moving_mean", Shape.of(1), WeightInit.constant(0f));
            try (Session session = new Session(graph, SessionSettings.of(Device.CPU, 1).toConfigProto())) {
                store.writeFrom(session, Map.of("a/w", new float[] {1, 2}, "a/bn/moving_mean", new float[] {3},
                        "b/w", new float[] {4, 5, 6}));
                Map<String, float[]> read = store.read(session);
                assertArrayEquals(new float[] {1, 2}, read.get("a/w"));
                assertArrayEquals(new float[] {3}, read.get("a/bn/moving_mean"));
                IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                        () -> store.writeFrom(session, Map.of("a/w", new float[] {7, 8})));
                assertEquals("no value for the variable a/bn/moving_mean", missing.getMessage());
                assertArrayEquals(new float[] {1, 2}, store.read(session).get("a/w"), "nothing written when one is missing");
            }
        }
    }

    private static Map<String, float[]> initialValues(List<String> names, long seed) {
        try (Graph graph = new Graph()) {
            VariableStore store = new VariableStore(Ops.create(graph));
            names.forEach(n -> store.trainable(n, Shape.of(50), WeightInit.pytorchDefault(10)));
            try (Session session = new Session(graph, SessionSettings.of(Device.CPU, 1).toConfigProto())) {
                store.initialize(session, seed);
                return store.read(session);
            }
        }
    }
}
