package org.snas4j.application.port.out.bench;

/**
 * Receives the backend's own account of where a training step's time went: each executed op's type
 * and compute time, for the steps run while {@link #recording()} is true. Tracing slows a step, so a
 * benchmark times its steps untraced and traces extra ones afterwards.
 */
public interface OpTimeRecorder {

    /** Records nothing and never asks for a trace: what search and train run with. */
    OpTimeRecorder NONE = new OpTimeRecorder() {
        @Override
        public boolean recording() {
            return false;
        }

        @Override
        public void opRan(String type, long microseconds) {
            throw new IllegalStateException("not recording");
        }
    };

    /** True while the steps run should be traced. */
    boolean recording();

    /** One op of a traced step ran: its type as the backend names it (e.g. "Conv2D") and its compute time. */
    void opRan(String type, long microseconds);
}
