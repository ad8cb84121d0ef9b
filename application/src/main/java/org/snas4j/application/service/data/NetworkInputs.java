package org.snas4j.application.service.data;

import java.util.stream.IntStream;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;

/** The steps every run takes from a loaded dataset to the network it trains: shared by search and retraining. */
public final class NetworkInputs {

    private NetworkInputs() {
    }

    /**
     * The first {@code limit} training images (all when {@code limit} is 0 or not smaller), refused
     * unless square, since the DARTS/SNAS networks halve square feature maps.
     */
    public static ImageDataset trainingImages(DatasetSplits splits, int limit) {
        ImageDataset all = splits.train();
        if (limit > 0 && limit < all.size()) {
            all = all.subset(all.name() + " (first " + limit + ")", IntStream.range(0, limit).toArray());
        }
        if (all.height() != all.width()) {
            throw new InvalidInputException(all.name(), "images are " + all.height() + "x" + all.width() + "; the network needs square images");
        }
        return all;
    }

    /** The network shape for these images; an impossible one is refused naming the {@code layers} setting. */
    public static NetworkShape shape(int layers, int channels, ImageDataset images) {
        return shape(layers, channels, images, NetworkKind.CIFAR);
    }

    /**
     * The shape of a {@code kind} network for these images; an impossible one is refused naming the
     * {@code --layers} flag, or {@code --network} when only the ImageNet stems make it impossible.
     */
    public static NetworkShape shape(int layers, int channels, ImageDataset images, NetworkKind kind) {
        try {
            new NetworkShape(layers, channels, images.height(), images.channels(), images.classes());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("layers", e.getMessage());
        }
        try {
            return new NetworkShape(layers, channels, images.height(), images.channels(), images.classes(), kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("network", kind.id() + ": " + e.getMessage());
        }
    }
}
