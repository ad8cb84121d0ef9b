package org.snas4j.adapter.tensorflow.bench;

import org.snas4j.application.port.out.bench.DenseMatmulProbe;
import org.snas4j.application.port.out.bench.DenseMatmulProbeContract;

class TensorFlowMatmulProbeTest extends DenseMatmulProbeContract {

    @Override
    protected DenseMatmulProbe probe() {
        return new TensorFlowMatmulProbe();
    }
}
