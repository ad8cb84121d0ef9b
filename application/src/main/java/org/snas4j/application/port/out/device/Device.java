package org.snas4j.application.port.out.device;

/** Where a network runs. GPU needs the {@code linux-x86_64-gpu} native build ({@code -Pgpu}). */
public enum Device {
    CPU,
    GPU
}
