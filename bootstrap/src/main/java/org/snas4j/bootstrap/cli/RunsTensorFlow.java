package org.snas4j.bootstrap.cli;

/**
 * Marks a command that runs TensorFlow: TensorFlow is started before it runs, its native start-up
 * notices hidden unless {@code --verbose} (see {@link DeviceCheckStrategy}).
 */
public interface RunsTensorFlow {
}
