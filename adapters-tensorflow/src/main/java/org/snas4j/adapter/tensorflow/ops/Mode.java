package org.snas4j.adapter.tensorflow.ops;

/**
 * Whether a forward pass is built for training (batch statistics, moving averages updated) or for
 * inference (moving statistics read, nothing updated). A network is built once per mode over the
 * same variables.
 */
public enum Mode {
    TRAINING,
    INFERENCE
}
