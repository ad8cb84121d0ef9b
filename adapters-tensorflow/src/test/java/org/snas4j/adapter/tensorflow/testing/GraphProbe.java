package org.snas4j.adapter.tensorflow.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.device.Device;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A small graph around one op builder, for tests: named float inputs (placeholders), the builder's
 * variables, and a scalar objective sum(R * y) with a fixed random R, whose gradient with respect to
 * the inputs and every trainable variable TensorFlow computes and finite differences can check.
 */
public final class GraphProbe implements AutoCloseable {

    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final VariableStore store = new VariableStore(tf);
    private final Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
    private final Map<String, Shape> fedShapes = new LinkedHashMap<>();
    private Operand<TFloat32> output;
    private Operand<TFloat32> objective;
    private List<String> parameterNames;
    private Output<?>[] gradients;
    private Session session;
    private Map<String, float[]> variableValues;

    public NetworkScope scope(Mode mode) {
        return NetworkScope.root(tf, store, mode);
    }

    public Ops tf() {
        return tf;
    }

    public VariableStore store() {
        return store;
    }

    public Placeholder<TFloat32> input(String name, Shape shape) {
        return input(name, shape, shape);
    }

    /** An input whose graph shape leaves the batch size unknown, as the networks' are; fed with {@code shape}. */
    public Placeholder<TFloat32> inputOfUnknownBatch(String name, Shape shape) {
        return input(name, Shape.of(-1, shape.size(1), shape.size(2), shape.size(3)), shape);
    }

    private Placeholder<TFloat32> input(String name, Shape graphShape, Shape fedShape) {
        Placeholder<TFloat32> p = tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(graphShape));
        inputs.put(name, p);
        fedShapes.put(name, fedShape);
        return p;
    }

    /** Fixes {@code y} as the probed output and opens the session with seeded variables. */
    public void finish(Operand<TFloat32> y, long seed) {
        output = y;
        long size = y.shape().size();
        if (size <= 0) {
            throw new IllegalArgumentException("probed output needs a fully known shape, got " + y.shape());
        }
        float[] r = new float[Math.toIntExact(size)];
        SplittableRandom random = new SplittableRandom(seed + 17);
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Operand<TFloat32> weights = tf.constant(y.shape(), DataBuffers.of(r));
        objective = tf.sum(tf.math.mul(y, weights), tf.constant(allAxes(y.shape().numDimensions())));
        parameterNames = new ArrayList<>(inputs.keySet());
        List<Output<?>> xs = new ArrayList<>();
        inputs.values().forEach(p -> xs.add(p.asOutput()));
        for (String name : store.names(VariableStore.Kind.TRAINABLE)) {
            parameterNames.add(name);
            xs.add(store.variable(name).asOutput());
        }
        gradients = graph.addGradients(objective.asOutput(), xs.toArray(new Output<?>[0]));
        // The adapter's own settings: other intra-op thread counts can crash oneDNN (SessionSettings.of).
        session = new Session(graph, SessionSettings.of(Device.CPU, 2).toConfigProto());
        store.initialize(session, seed);
        variableValues = store.read(session);
    }

    /** Inputs, then trainable variables: the names {@link #gradient} and {@link #objective} take. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Current values of the inputs given and of every trainable variable. */
    public Map<String, float[]> point(Map<String, float[]> inputValues) {
        Map<String, float[]> point = new LinkedHashMap<>(inputValues);
        for (String name : store.names(VariableStore.Kind.TRAINABLE)) {
            point.put(name, variableValues.get(name).clone());
        }
        return point;
    }

    /** The objective at a point (inputs and trainable variables). */
    public double objective(Map<String, float[]> point) {
        assignVariables(point);
        try (Holder held = feed(point); Result r = held.runner.fetch(objective).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    /** TensorFlow's gradient of the objective at a point, by parameter name. */
    public Map<String, float[]> gradient(Map<String, float[]> point) {
        assignVariables(point);
        Map<String, float[]> result = new LinkedHashMap<>();
        try (Holder held = feed(point)) {
            for (Output<?> g : gradients) {
                held.runner.fetch(g);
            }
            try (Result r = held.runner.run()) {
                for (int i = 0; i < parameterNames.size(); i++) {
                    result.put(parameterNames.get(i), toArray((TFloat32) r.get(i)));
                }
            }
        }
        return result;
    }

    /** The probed output's values at a point. */
    public float[] output(Map<String, float[]> point) {
        return fetch(output, point);
    }

    /** Any float tensor's values at a point. */
    public float[] fetch(Operand<TFloat32> operand, Map<String, float[]> point) {
        assignVariables(point);
        try (Holder held = feed(point); Result r = held.runner.fetch(operand).run()) {
            return toArray((TFloat32) r.get(0));
        }
    }

    public Session session() {
        return session;
    }

    /** Writes the point's trainable values; state variables (BN statistics) keep their current values. */
    private void assignVariables(Map<String, float[]> point) {
        Map<String, float[]> values = store.read(session);
        for (String name : store.names(VariableStore.Kind.TRAINABLE)) {
            float[] v = point.get(name);
            if (v != null) {
                values.put(name, v);
            }
        }
        store.write(session, values);
    }

    private Holder feed(Map<String, float[]> point) {
        Holder held = new Holder(session.runner());
        for (Map.Entry<String, Placeholder<TFloat32>> e : inputs.entrySet()) {
            float[] v = point.get(e.getKey());
            if (v == null) {
                held.close();
                throw new IllegalArgumentException("no value for input " + e.getKey());
            }
            TFloat32 t = TFloat32.tensorOf(fedShapes.get(e.getKey()), DataBuffers.of(v, true, false));
            held.tensors.add(t);
            held.runner.feed(e.getValue(), t);
        }
        return held;
    }

    public static float[] toArray(TFloat32 t) {
        float[] v = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }

    private static int[] allAxes(int rank) {
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return axes;
    }

    private static final class Holder implements AutoCloseable {
        final Session.Runner runner;
        final List<TFloat32> tensors = new ArrayList<>();

        Holder(Session.Runner runner) {
            this.runner = runner;
        }

        @Override
        public void close() {
            tensors.forEach(TFloat32::close);
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        graph.close();
    }
}
