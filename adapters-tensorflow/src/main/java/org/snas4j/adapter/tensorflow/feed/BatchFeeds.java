package org.snas4j.adapter.tensorflow.feed;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Reusable input tensors per batch size: a training run feeds the same few sizes (training batch,
 * evaluation batch, a last partial batch) thousands of times, so each step copies into tensors it
 * already owns instead of allocating native memory. Session.run only reads a fed tensor during the
 * call, so overwriting it before the next call is safe (the trainer is single-threaded). Shared by
 * the supernet and the child trainers (the child reads only the images and one-hot labels).
 */
public final class BatchFeeds implements AutoCloseable {

    /** Distinct batch sizes kept; the least recently used one is closed beyond this. */
    private static final int CAPACITY = 4;

    /** One batch size's inputs: NHWC images, one-hot labels [N, classes] and class indices [N]. */
    public record Tensors(TFloat32 images, TFloat32 oneHotLabels, TInt32 labels) {
        void close() {
            images.close();
            oneHotLabels.close();
            labels.close();
        }
    }

    private final NetworkShape shape;
    private final Map<Integer, Tensors> bySize = new LinkedHashMap<>(8, 0.75f, true);

    public BatchFeeds(NetworkShape shape) {
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    /** Validates {@code batch} against the network and copies it into this size's tensors. */
    public Tensors fill(Batch batch) {
        if (batch.height() != shape.inputSize() || batch.width() != shape.inputSize() || batch.channels() != shape.inputChannels()) {
            throw new IllegalArgumentException("batch images are " + batch.height() + "x" + batch.width() + "x" + batch.channels()
                    + ", the network reads " + shape.inputSize() + "x" + shape.inputSize() + "x" + shape.inputChannels());
        }
        if (batch.classes() != shape.classes()) {
            throw new IllegalArgumentException("batch has " + batch.classes() + " classes, the network predicts " + shape.classes());
        }
        for (int label : batch.labels()) {
            if (label < 0 || label >= shape.classes()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (shape.classes() - 1));
            }
        }
        Tensors tensors = bySize.computeIfAbsent(batch.size(), this::allocate);
        evictBeyondCapacity();
        tensors.images().copyFrom(DataBuffers.of(batch.images(), true, false));
        tensors.oneHotLabels().copyFrom(DataBuffers.of(batch.oneHotLabels(), true, false));
        tensors.labels().copyFrom(DataBuffers.of(batch.labels(), true, false));
        return tensors;
    }

    private Tensors allocate(int size) {
        TFloat32 images = TFloat32.tensorOf(Shape.of(size, shape.inputSize(), shape.inputSize(), shape.inputChannels()));
        TFloat32 oneHot = TFloat32.tensorOf(Shape.of(size, shape.classes()));
        TInt32 labels = TInt32.tensorOf(Shape.of(size));
        return new Tensors(images, oneHot, labels);
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<Integer, Tensors>> eldest = bySize.entrySet().iterator();
        while (bySize.size() > CAPACITY && eldest.hasNext()) {
            eldest.next().getValue().close();
            eldest.remove();
        }
    }

    @Override
    public void close() {
        bySize.values().forEach(Tensors::close);
        bySize.clear();
    }
}
