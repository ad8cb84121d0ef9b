package org.snas4j.application.port.in.bench;

/**
 * Times training steps of a supernet or of a child network on random data, beside the process's
 * CPU time and memory, the arithmetic the step does and the machine's dense matmul rate.
 */
public interface BenchmarkUseCase {

    /**
     * Runs the benchmark; with a scaling plan, also one shorter measurement per listed value.
     *
     * @throws org.snas4j.application.InvalidInputException when a setting is out of range (naming its flag)
     */
    BenchmarkReport run(BenchmarkRequest request);
}
