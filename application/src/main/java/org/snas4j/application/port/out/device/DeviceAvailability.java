package org.snas4j.application.port.out.device;

/**
 * Which devices a network can run on here. Asked before a run starts, so that a missing device fails
 * at once instead of the runtime quietly falling back to another one.
 */
public interface DeviceAvailability {

    /** The runtime's build and the devices it sees now (may start the runtime: a GPU probe takes a moment). */
    DeviceInventory inventory();
}
