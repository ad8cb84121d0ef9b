package org.snas4j.domain.distribution;

/**
 * The Concrete temperature tau per epoch. Both schedules run over the run's own epoch count
 * (the authors' code fixed the horizon at 150 epochs whatever the run length, a defect): epoch 0
 * gives {@code start}, the last epoch ({@code epochs - 1}) gives {@code floor}, later epochs stay
 * at the floor, and a one-epoch run uses {@code start}.
 */
public interface TemperatureSchedule {

    /** tau for a 0-based epoch; never below the floor. */
    double temperature(int epoch);

    /** The two schedules, as a setting. */
    enum Kind {
        LINEAR, EXPONENTIAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The schedule of this kind from {@code start} at epoch 0 to {@code floor} at epoch {@code epochs - 1}. */
        public TemperatureSchedule over(double start, double floor, int epochs) {
            return this == LINEAR ? linear(start, floor, epochs) : exponential(start, floor, epochs);
        }

        /** @throws IllegalArgumentException naming the unknown id and the valid ones */
        public static Kind fromId(String id) {
            return org.snas4j.domain.EnumIds.fromId(Kind.class, id, Kind::id, java.util.Map.of(), "temperature schedule");
        }
    }

    /** tau falls by the same amount every epoch (SNAS' schedule: start 1, floor 0.03). */
    static TemperatureSchedule linear(double start, double floor, int epochs) {
        return new LinearTemperature(start, floor, epochs);
    }

    /** tau falls by the same factor every epoch: start * (floor / start)^(epoch / (epochs - 1)). */
    static TemperatureSchedule exponential(double start, double floor, int epochs) {
        return new ExponentialTemperature(start, floor, epochs);
    }

    /** Checks the arguments shared by every schedule. */
    private static void validate(double start, double floor, int epochs) {
        if (!(floor > 0) || !Double.isFinite(start) || start < floor) {
            throw new IllegalArgumentException("temperatures need 0 < floor <= start, got start " + start + ", floor " + floor);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
    }

    /** Fraction of the run completed at {@code epoch}: 0 at the first epoch, 1 at the last and after. */
    private static double progress(int epoch, int epochs) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
        }
        return epochs == 1 ? 0 : Math.min(1.0, (double) epoch / (epochs - 1));
    }

    record LinearTemperature(double start, double floor, int epochs) implements TemperatureSchedule {
        public LinearTemperature {
            validate(start, floor, epochs);
        }

        @Override
        public double temperature(int epoch) {
            return Math.max(floor, start - (start - floor) * progress(epoch, epochs));
        }
    }

    record ExponentialTemperature(double start, double floor, int epochs) implements TemperatureSchedule {
        public ExponentialTemperature {
            validate(start, floor, epochs);
        }

        @Override
        public double temperature(int epoch) {
            return Math.max(floor, start * Math.pow(floor / start, progress(epoch, epochs)));
        }
    }
}
