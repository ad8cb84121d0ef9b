package org.snas4j.application.port.out.data;

import java.util.Locale;
import java.util.Map;
import org.snas4j.domain.EnumIds;

/** How pictures of another size are brought to the network's square input size. */
public enum ImageFit {
    /** Scale the shorter side to the size, keeping the aspect ratio, then cut the centre square (torchvision's Resize + CenterCrop). */
    CROP,
    /** Scale both sides to the size, distorting the aspect ratio of non-square pictures. */
    RESIZE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the unknown id and the valid ones */
    public static ImageFit fromId(String id) {
        return EnumIds.fromId(ImageFit.class, id, ImageFit::id, Map.of(), "image fit");
    }
}
