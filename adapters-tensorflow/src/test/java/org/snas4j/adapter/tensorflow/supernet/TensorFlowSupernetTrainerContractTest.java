package org.snas4j.adapter.tensorflow.supernet;

import org.snas4j.application.port.out.training.SupernetTrainerContract;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;

/** The TensorFlow supernet trainer honours the port's contract. */
class TensorFlowSupernetTrainerContractTest extends SupernetTrainerContract {

    @Override
    protected SupernetTrainerFactory factory() {
        return new TensorFlowSupernetTrainerFactory();
    }
}
