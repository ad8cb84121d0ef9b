package org.snas4j.application;

/** Range checks of command-line settings shared by the validators; each refusal names the flag at fault. */
public final class FlagChecks {

    private FlagChecks() {
    }

    /** Refuses zero and negative values. */
    public static void positive(String flag, int value) {
        if (value <= 0) {
            throw new InvalidInputException(flag, "must be positive, got " + value);
        }
    }

    /** Refuses negative values; {@code zeroMeans} says what zero selects, e.g. "all cores" or "off". */
    public static void zeroOrPositive(String flag, String zeroMeans, int value) {
        if (value < 0) {
            throw new InvalidInputException(flag, "must be zero (" + zeroMeans + ") or positive, got " + value);
        }
    }
}
