package org.snas4j.adapter.tensorflow.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Every float variable of a graph, by hierarchical name, in creation order. Each variable comes with
 * a placeholder and an assign op, so that the seeded initial values, a restored checkpoint and a
 * test's perturbation all enter the graph the same way. Asking twice for the same name returns the
 * same variable, which is how the training and inference passes of a network share their weights.
 */
public final class VariableStore {

    /** Trainable variables get gradients and weight decay; state (BN statistics, momentum) does not. */
    public enum Kind {
        TRAINABLE,
        STATE
    }

    private record Entry(String name, Shape shape, Kind kind, WeightInit init, Variable<TFloat32> variable,
                         Placeholder<TFloat32> value, Assign<TFloat32> assign) {
    }

    private final Ops tf;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** @param tf the root of the graph (with its device placement) in which variables are created */
    public VariableStore(Ops tf) {
        this.tf = Objects.requireNonNull(tf, "tf");
    }

    public Variable<TFloat32> trainable(String name, Shape shape, WeightInit init) {
        return getOrCreate(name, shape, Kind.TRAINABLE, init);
    }

    public Variable<TFloat32> state(String name, Shape shape, WeightInit init) {
        return getOrCreate(name, shape, Kind.STATE, init);
    }

    private Variable<TFloat32> getOrCreate(String name, Shape shape, Kind kind, WeightInit init) {
        Objects.requireNonNull(init, "init");
        Entry existing = entries.get(name);
        if (existing != null) {
            if (!existing.shape.equals(shape) || existing.kind != kind) {
                throw new IllegalStateException("variable " + name + " exists as " + existing.kind + " " + existing.shape
                        + ", requested as " + kind + " " + shape);
            }
            return existing.variable;
        }
        if (shape.hasUnknownDimension()) {
            throw new IllegalArgumentException("variable " + name + " needs a fully known shape, got " + shape);
        }
        // Op names may not contain '/' (and name scopes are slow to create), so the path is dotted.
        String opName = name.replace('/', '.');
        Variable<TFloat32> variable = tf.withName(opName).variable(shape, TFloat32.class);
        Placeholder<TFloat32> value = tf.withName(opName + ".value").placeholder(TFloat32.class, Placeholder.shape(shape));
        Assign<TFloat32> assign = tf.withName(opName + ".assign").assign(variable, value);
        entries.put(name, new Entry(name, shape, kind, init, variable, value, assign));
        return variable;
    }

    /** Names of all variables, in creation order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Names of the variables of one kind, in creation order. */
    public List<String> names(Kind kind) {
        List<String> names = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.kind == kind) {
                names.add(e.name);
            }
        }
        return Collections.unmodifiableList(names);
    }

    public Variable<TFloat32> variable(String name) {
        return entry(name).variable;
    }

    public Shape shape(String name) {
        return entry(name).shape;
    }

    public Kind kind(String name) {
        return entry(name).kind;
    }

    /** Total number of values in variables of a kind (the parameter count for TRAINABLE). */
    public long size(Kind kind) {
        long total = 0;
        for (Entry e : entries.values()) {
            if (e.kind == kind) {
                total += e.shape.size();
            }
        }
        return total;
    }

    /**
     * Gives every variable its initial value. Each variable draws from its own random stream derived
     * from {@code seed} and its name, so a value does not depend on how many variables were created
     * before it: the same seed and architecture give the same weights.
     */
    public void initialize(Session session, long seed) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            values.put(e.name, e.init.draw(Math.toIntExact(e.shape.size()), randomFor(seed, e.name)));
        }
        write(session, values);
    }

    /**
     * Assigns every variable of the store its value in {@code values}, which may hold more (a supernet's for a
     * child's graph, a checkpoint's for an export); a variable without a value is refused, naming it.
     */
    public void writeFrom(Session session, Map<String, float[]> values) {
        Map<String, float[]> own = new LinkedHashMap<>();
        for (String name : entries.keySet()) {
            float[] value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for the variable " + name);
            }
            own.put(name, value);
        }
        write(session, own);
    }

    /** Assigns the given values (every variable of the store, row-major) in one session run. */
    public void write(Session session, Map<String, float[]> values) {
        if (!values.keySet().equals(entries.keySet())) {
            throw new IllegalArgumentException("values must cover exactly the " + entries.size() + " variables of the graph");
        }
        if (entries.isEmpty()) {
            return;
        }
        List<TFloat32> tensors = new ArrayList<>(entries.size());
        try {
            Session.Runner runner = session.runner();
            for (Entry e : entries.values()) {
                float[] v = values.get(e.name);
                if (v.length != e.shape.size()) {
                    throw new IllegalArgumentException("variable " + e.name + " has " + e.shape.size() + " values, got " + v.length);
                }
                TFloat32 tensor = TFloat32.tensorOf(e.shape, DataBuffers.of(v, true, false));
                tensors.add(tensor);
                runner.feed(e.value, tensor).addTarget(e.assign);
            }
            runner.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    /** Every variable's current value, row-major, in creation order. */
    public Map<String, float[]> read(Session session) {
        if (entries.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Session.Runner runner = session.runner();
        for (Entry e : entries.values()) {
            runner.fetch(e.variable);
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            int i = 0;
            for (Entry e : entries.values()) {
                float[] v = new float[Math.toIntExact(e.shape.size())];
                ((TFloat32) result.get(i++)).copyTo(DataBuffers.of(v, false, false));
                values.put(e.name, v);
            }
        }
        return values;
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no variable named " + name);
        }
        return e;
    }

    private static SplittableRandom randomFor(long seed, String name) {
        // 64-bit FNV-1a of the name, mixed with the seed: independent, order-free streams per variable.
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return new SplittableRandom(new SplittableRandom(seed ^ hash).nextLong());
    }
}
