package org.snas4j.application.port.out.training;

/** Builds a supernet trainer; each trainer owns native resources until closed. */
public interface SupernetTrainerFactory {

    SupernetTrainer create(SupernetConfig config);
}
