package org.snas4j.application.port.out.bench;

import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;

/**
 * Builds the networks a benchmark times: the same trainers search and train use, with the
 * {@link ExecutionOptions} a benchmark may switch, whose training steps report their ops' times to
 * {@code recorder} while it is recording. Each trainer owns native resources until closed.
 */
public interface BenchmarkNetworks {

    SupernetTrainer supernet(SupernetConfig config, ExecutionOptions options, OpTimeRecorder recorder);

    ChildNetworkTrainer child(ChildNetworkConfig config, ExecutionOptions options, OpTimeRecorder recorder);

    /**
     * Which compute kernels the training passes run on, in a few words (e.g. whose depthwise convolutions),
     * so that a benchmark's figures say what they measured.
     */
    String kernels();
}
