package org.snas4j.application.service.sweep;

import java.math.BigDecimal;
import java.util.Arrays;
import org.snas4j.domain.cost.ConstraintLevel;

/** Names a penalty weight for people and file names: the constraint level it is, or {@code lambda=VALUE}. */
final class ConstraintLabels {

    private ConstraintLabels() {
    }

    static String of(double lambda) {
        return Arrays.stream(ConstraintLevel.values()).filter(level -> level.lambda() == lambda).findFirst()
                .map(ConstraintLevel::id)
                .orElse("lambda=" + BigDecimal.valueOf(lambda).stripTrailingZeros().toPlainString());
    }

    /** The label as part of a file name: {@code lambda=0.002} becomes {@code lambda-0.002}. */
    static String fileName(String label) {
        return label.replace('=', '-');
    }
}
