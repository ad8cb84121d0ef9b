package org.snas4j.application.port.in.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.snas4j.application.port.out.bench.MatmulRate;

/**
 * What a benchmark measured.
 *
 * @param request          what was asked
 * @param processor        the CPU's model name
 * @param processors       processors available to the process
 * @param kernels          the compute kernels the training passes ran on ({@code BenchmarkNetworks.kernels})
 * @param loadBefore       1-minute load average when the benchmark started
 * @param loadAfter        1-minute load average when it ended
 * @param measurement      the requested network
 * @param matmul           the dense matmul rate on the same threads, unless skipped
 * @param scaling          the scaling table's rows, empty without a plan
 * @param profile          the requested network's op time per op type, if asked for
 */
public record BenchmarkReport(BenchmarkRequest request, String processor, int processors, String kernels, OptionalDouble loadBefore,
                              OptionalDouble loadAfter, NetworkMeasurement measurement, Optional<MatmulRate> matmul,
                              List<ScalingRow> scaling, Optional<OpProfile> profile) {

    public BenchmarkReport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(loadBefore, "loadBefore");
        Objects.requireNonNull(loadAfter, "loadAfter");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(matmul, "matmul");
        scaling = List.copyOf(scaling);
        Objects.requireNonNull(profile, "profile");
    }

    /** The network's achieved FLOP rate as a share of the dense matmul rate, if that was measured. */
    public OptionalDouble shareOfMatmulRate() {
        return matmul.map(rate -> OptionalDouble.of(measurement.flopsPerSecond() / rate.flopsPerSecond())).orElse(OptionalDouble.empty());
    }
}
