package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/**
 * Many steps leave no native objects behind: every tensor fed, fetched or cached is closed. JavaCPP
 * counts the live native objects TensorFlow Java allocates (tensors, results' buffers), which
 * catches a single unclosed result per call (checked by planting one: the count rose by 200);
 * resident memory is checked too, more loosely.
 */
class ResourceLeakTest {

    private static final NetworkShape SHAPE = new NetworkShape(1, 2, 32, 3, 4);

    @Test
    void nativeObjectsAndResidentMemoryStayFlatOverManySteps() {
        // More batch sizes than the feed cache keeps, so cached tensors are also evicted and closed.
        int[] sizes = {6, 7, 8, 9, 10};
        List<Batch> batches = new ArrayList<>();
        for (int size : sizes) {
            batches.add(TinySupernets.batch(SHAPE, size, size));
        }
        CellPair<EdgeOpMatrix> z = TinySupernets.softZ(3);
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(SHAPE, 1))) {
            run(trainer, batches, z, 10);
            long countBefore = livePointerCount();
            long rssBefore = Pointer.physicalBytes();
            run(trainer, batches, z, 40);
            long countAfter = livePointerCount();
            long rssAfter = Pointer.physicalBytes();
            // 200 steps and 200 evaluations: one leaked object per call would add 400.
            assertTrue(countAfter - countBefore <= 20, "live native objects " + countBefore + " -> " + countAfter);
            assertTrue(rssAfter - rssBefore < 64L << 20, "resident memory " + (rssBefore >> 10) + " kB -> " + (rssAfter >> 10) + " kB");
        }
    }

    private static void run(TensorFlowSupernetTrainer trainer, List<Batch> batches, CellPair<EdgeOpMatrix> z, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (Batch batch : batches) {
                trainer.trainStep(batch, z, 0.01, 0);
                trainer.evaluate(batch, z);
            }
        }
    }

    /**
     * Native objects alive now. No collection is forced: JavaCPP also frees an unclosed tensor once the
     * garbage collector finds it unreachable, which would hide the leak this test looks for.
     */
    private static long livePointerCount() {
        return Pointer.totalCount();
    }
}
