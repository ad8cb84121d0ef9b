package org.snas4j.adapter.tensorflow.child;

import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildNetworkTrainerFactory;

/** Builds {@link TensorFlowChildTrainer}s. */
public final class TensorFlowChildTrainerFactory implements ChildNetworkTrainerFactory {

    @Override
    public ChildNetworkTrainer create(ChildNetworkConfig config) {
        return new TensorFlowChildTrainer(config);
    }
}
