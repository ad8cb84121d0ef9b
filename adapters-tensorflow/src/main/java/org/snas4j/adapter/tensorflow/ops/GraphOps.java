package org.snas4j.adapter.tensorflow.ops;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;

/**
 * An {@link Ops} for building large graphs in linear time.
 *
 * <p>Why: TensorFlow Java 1.1.0's {@code Ops.withSubScope} walks every operation of the graph (one
 * JNI call and one native allocation per operation) to import the names already used under the new
 * prefix. {@link NetworkScope#child} and {@link VariableStore} open a sub-scope per block and per
 * variable, so building a network costs O(operations x scopes): 10 s for an 8-cell child network and
 * about a minute for a 20-cell one. The scope built here tracks the names it hands out in Java maps
 * shared by every scope of the graph, and asks the graph by name (one lookup) whether an operation made
 * elsewhere (e.g. by {@code Graph.addGradients}) already holds a name. Op names are the same as with
 * TensorFlow's own scopes: {@code prefix/name}, made unique with {@code _1}, {@code _2}, ...
 * Device placement, control dependencies and init scopes are TensorFlow's own (delegated).
 */
public final class GraphOps {

    private static final Constructor<Ops> OPS_FROM_SCOPE;

    static {
        try {
            OPS_FROM_SCOPE = Ops.class.getDeclaredConstructor(Scope.class);
            OPS_FROM_SCOPE.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("TensorFlow Java's Ops(Scope) constructor is not accessible: " + e);
        }
    }

    private GraphOps() {
    }

    /** Ops on {@code graph} whose sub-scopes cost O(1) to open. */
    public static Ops create(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        return wrap(new LinearScope(graph, graph.baseScope(), null, null, new HashMap<>()));
    }

    private static Ops wrap(Scope scope) {
        try {
            return OPS_FROM_SCOPE.newInstance(scope);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create Ops from a scope", e);
        }
    }

    /**
     * @param prefix  full name of this scope ({@code null} at the root)
     * @param opName  the name the next op takes ({@link #withName}), else {@code null}
     * @param counters per scope prefix ("" for the root), the next suffix of each base name used there
     */
    private record LinearScope(Graph graph, Scope delegate, String prefix, String opName,
                               Map<String, Map<String, Integer>> counters) implements Scope {

        @Override
        public ExecutionEnvironment env() {
            return delegate.env();
        }

        @Override
        public Scope withSubScope(String childScopeName) {
            requireValid(childScopeName);
            String qualified = qualify(makeUnique(opName != null ? opName : childScopeName));
            return new LinearScope(graph, delegate, qualified, null, counters);
        }

        @Override
        public Scope withName(String name) {
            requireValid(name);
            return new LinearScope(graph, delegate, prefix, name, counters);
        }

        @Override
        public Scope withNameAsSubScope(String defaultName) {
            return withSubScope(defaultName);
        }

        @Override
        public Scope withDevice(DeviceSpec deviceSpec) {
            return new LinearScope(graph, delegate.withDevice(deviceSpec), prefix, opName, counters);
        }

        @Override
        public Scope withInitScope() {
            return new LinearScope(graph, delegate.withInitScope(), prefix, opName, counters);
        }

        @Override
        public Scope withControlDependencyOps(Iterable<Operation> controls) {
            return new LinearScope(graph, delegate.withControlDependencyOps(controls), prefix, opName, counters);
        }

        @Override
        public String makeOpName(String defaultName) {
            requireValid(defaultName);
            return qualify(makeUnique(opName != null ? opName : defaultName));
        }

        @Override
        public String makeUnique(String id) {
            Map<String, Integer> used = counters.computeIfAbsent(prefix == null ? "" : prefix, p -> new HashMap<>());
            Integer next = used.get(id);
            if (next == null && !taken(id)) {
                used.put(id, 1);
                return id;
            }
            int suffix = next == null ? 1 : next;
            String candidate = id + "_" + suffix;
            while (used.containsKey(candidate) || taken(candidate)) {
                suffix++;
                candidate = id + "_" + suffix;
            }
            used.put(id, suffix + 1);
            used.put(candidate, 1);
            return candidate;
        }

        @Override
        public void refreshNames() {
            // Names are checked against the graph on every request, so there is nothing to refresh.
        }

        @Override
        public OperationBuilder apply(OperationBuilder builder) {
            return delegate.apply(builder);
        }

        @Override
        public String getDeviceString() {
            return delegate.getDeviceString();
        }

        @Override
        public boolean isInit() {
            return delegate.isInit();
        }

        private boolean taken(String id) {
            return graph.operation(qualify(id)) != null;
        }

        private String qualify(String id) {
            return prefix == null ? id : prefix + "/" + id;
        }

        private static void requireValid(String name) {
            if (!Scope.isValidOpName(name)) {
                throw new IllegalArgumentException("invalid name '" + name + "'");
            }
        }
    }
}
