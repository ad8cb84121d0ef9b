package org.snas4j.application.port.out.training;

/** Builds child-network trainers; each owns native resources until closed. */
public interface ChildNetworkTrainerFactory {

    ChildNetworkTrainer create(ChildNetworkConfig config);
}
