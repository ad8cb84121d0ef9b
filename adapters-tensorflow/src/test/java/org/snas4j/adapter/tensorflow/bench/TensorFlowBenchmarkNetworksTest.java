package org.snas4j.adapter.tensorflow.bench;

import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.BenchmarkNetworksContract;

class TensorFlowBenchmarkNetworksTest extends BenchmarkNetworksContract {

    @Override
    protected BenchmarkNetworks networks() {
        return new TensorFlowBenchmarkNetworks();
    }
}
