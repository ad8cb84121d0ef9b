package org.snas4j.application;

/** Range checks of settings shared by the validators; each refusal names the setting at fault. */
public final class SettingChecks {

    private SettingChecks() {
    }

    /** Refuses zero and negative values. */
    public static void positive(String setting, int value) {
        if (value <= 0) {
            throw new InvalidSettingException(setting, "must be positive, got " + value);
        }
    }

    /** Refuses negative values; {@code zeroMeans} says what zero selects, e.g. "all cores" or "off". */
    public static void zeroOrPositive(String setting, String zeroMeans, int value) {
        if (value < 0) {
            throw new InvalidSettingException(setting, "must be zero (" + zeroMeans + ") or positive, got " + value);
        }
    }
}
