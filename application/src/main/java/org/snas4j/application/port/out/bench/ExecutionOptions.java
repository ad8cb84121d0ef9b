package org.snas4j.application.port.out.bench;

/**
 * How the backend executes a graph, beyond device and threads: switches that a benchmark compares
 * (each measured in BENCHMARKS.md) and that production runs leave at {@link #STANDARD}.
 *
 * @param graphOptimiser rewrite the graph with the backend's optimiser before the first step
 * @param xlaJit         compile clusters of ops just in time (XLA), where the native build has it
 * @param bfloat16       compute convolutions and matrix products in bfloat16 where the CPU supports it
 *                       natively (weights, statistics and the update stay float32)
 */
public record ExecutionOptions(boolean graphOptimiser, boolean xlaJit, boolean bfloat16) {

    /** What search, train and evaluate use. */
    public static final ExecutionOptions STANDARD = new ExecutionOptions(false, false, false);

    /** The switches that differ from {@link #STANDARD}, e.g. "xla, bfloat16", or "standard". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (graphOptimiser) {
            text.append("graph optimiser");
        }
        if (xlaJit) {
            text.append(text.isEmpty() ? "" : ", ").append("XLA JIT");
        }
        if (bfloat16) {
            text.append(text.isEmpty() ? "" : ", ").append("bfloat16");
        }
        return text.isEmpty() ? "standard" : text.toString();
    }
}
