package org.snas4j.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Lookup of the configuration ids of the domain's enums: case-insensitive, '-' and '_' alike. */
public final class EnumIds {

    private EnumIds() {
    }

    public static String normalise(String id) {
        return id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The constant whose id (or one of the aliases) matches {@code id}.
     *
     * @throws IllegalArgumentException naming the unknown id and the valid ones
     */
    public static <E extends Enum<E>> E fromId(Class<E> type, String id, Function<E, String> idOf, Map<String, E> aliases, String what) {
        if (id != null) {
            String wanted = normalise(id);
            for (E e : type.getEnumConstants()) {
                if (normalise(idOf.apply(e)).equals(wanted)) {
                    return e;
                }
            }
            E alias = aliases.get(wanted);
            if (alias != null) {
                return alias;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + id + "' (expected one of "
                + Arrays.stream(type.getEnumConstants()).map(idOf).toList() + ")");
    }
}
