package org.snas4j.adapter.tensorflow.supernet;

import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;

/** Creates {@link TensorFlowSupernetTrainer}s; stateless, so one instance serves a whole application. */
public final class TensorFlowSupernetTrainerFactory implements SupernetTrainerFactory {

    @Override
    public SupernetTrainer create(SupernetConfig config) {
        return new TensorFlowSupernetTrainer(config);
    }
}
