package org.snas4j.application.port.out.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.device.Device;

/** What every {@link DenseMatmulProbe} adapter must do; small matrices and short runs keep it quick. */
public abstract class DenseMatmulProbeContract {

    protected abstract DenseMatmulProbe probe();

    @Test
    void runsAsManyProductsAtOnceAsTheThreadsAndForAboutTheTimeAsked() {
        MatmulRate rate = probe().measure(64, Device.CPU, 2, ExecutionOptions.STANDARD, 0.2);

        assertEquals(64, rate.size());
        assertEquals(2, rate.concurrent());
        assertTrue(rate.seconds() >= 0.2, "timed " + rate.seconds() + " s");
        assertEquals(0, rate.products() % rate.concurrent(), "every chain runs whole: " + rate.products());
        assertTrue(Double.isFinite(rate.flopsPerSecond()) && rate.flopsPerSecond() > 0, rate.toString());
    }

    @Test
    void zeroThreadsMeansOnePerCore() {
        assertEquals(Runtime.getRuntime().availableProcessors(),
                probe().measure(32, Device.CPU, 0, ExecutionOptions.STANDARD, 0.05).concurrent());
    }
}
