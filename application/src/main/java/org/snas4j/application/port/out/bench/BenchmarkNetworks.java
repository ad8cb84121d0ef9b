package org.snas4j.application.port.out.bench;

import org.snas4j.application.port.out.ChildNetworkConfig;
import org.snas4j.application.port.out.ChildNetworkTrainer;
import org.snas4j.application.port.out.SupernetConfig;
import org.snas4j.application.port.out.SupernetTrainer;

/**
 * Builds the networks a benchmark times: the same trainers search and train use, with the
 * {@link ExecutionOptions} a benchmark may switch. Each trainer owns native resources until closed.
 */
public interface BenchmarkNetworks {

    SupernetTrainer supernet(SupernetConfig config, ExecutionOptions options);

    ChildNetworkTrainer child(ChildNetworkConfig config, ExecutionOptions options);
}
