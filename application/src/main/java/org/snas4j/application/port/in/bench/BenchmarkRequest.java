package org.snas4j.application.port.in.bench;

import java.util.Objects;
import java.util.Optional;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.NetworkShape;

/**
 * What to benchmark and how.
 *
 * @param network      supernet or child
 * @param genotype     the child's cells (required for {@link BenchedNetwork#CHILD}, ignored otherwise)
 * @param genotypeName how the user named the genotype, for the report
 * @param shape        cells, channels, input and classes
 * @param batch        images per step
 * @param warmupSteps  untimed steps first (the first one includes the backend's one-off set-up)
 * @param steps        timed steps; the report gives their median
 * @param dropPath     drop-path probability of the training steps (0: none)
 * @param device       CPU or GPU
 * @param threads      ops at once, each single-threaded (0: one per core), as in search and train
 * @param seed         seed of the weights and of the random images
 * @param execution    backend switches to compare
 * @param matmulSize   n of the n x n dense matmul measured beside the network (0: skip it)
 * @param scaling      a table of step time against layers, channels and batch, if wanted
 * @param profileSteps extra steps after the timed ones, traced for the op time per op type (0: none)
 */
public record BenchmarkRequest(BenchedNetwork network, Optional<Genotype> genotype, String genotypeName, NetworkShape shape,
                               int batch, int warmupSteps, int steps, double dropPath, Device device, int threads, long seed,
                               ExecutionOptions execution, int matmulSize, Optional<ScalingPlan> scaling,
                               int profileSteps) {

    public BenchmarkRequest {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(genotypeName, "genotypeName");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(scaling, "scaling");
    }
}
