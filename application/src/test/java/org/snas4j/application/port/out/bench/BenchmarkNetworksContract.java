package org.snas4j.application.port.out.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildStepResult;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/** What every {@link BenchmarkNetworks} adapter must do: build the networks search and train build, ready to step. */
public abstract class BenchmarkNetworksContract {

    private static final NetworkShape TINY = new NetworkShape(3, 2, 8, 1, 4);

    protected abstract BenchmarkNetworks networks();

    @Test
    void theSupernetHasTheSearchNetworksWeightsAndTrains() {
        try (SupernetTrainer supernet = networks().supernet(new SupernetConfig(TINY, SgdSettings.PAPER, 0, 1, Device.CPU, 1),
                ExecutionOptions.STANDARD)) {
            assertEquals(NetworkParameterCount.ofSupernet(TINY), supernet.parameterCount());
            StepResult step = supernet.trainStep(batch(), CellPair.of(kind -> EdgeOpMatrix.filled(0.125)), 0.025, 0);
            assertTrue(Double.isFinite(step.loss()) && step.loss() > 0, "loss " + step.loss());
        }
    }

    @Test
    void theChildHasItsGenotypesWeightsAndTrains() {
        Genotype genotype = PublishedGenotypes.byName("darts-v2");
        ChildOptions plain = new ChildOptions(false, false);
        try (ChildNetworkTrainer child = networks().child(ChildNetworkConfig.dartsDefaults(genotype, TINY, plain, 1).on(Device.CPU, 1),
                ExecutionOptions.STANDARD)) {
            assertEquals(NetworkParameterCount.ofChild(genotype, TINY, plain), child.parameterCount());
            ChildStepResult step = child.trainStep(batch(), 0.025, 0, 0);
            assertTrue(step.isFinite() && step.loss() > 0, step.toString());
        }
    }

    private static Batch batch() {
        SplittableRandom random = new SplittableRandom(3);
        float[] images = new float[8 * 8 * 8];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        return new Batch(8, 8, 8, 1, 4, images, new int[] {0, 1, 2, 3, 0, 1, 2, 3});
    }
}
