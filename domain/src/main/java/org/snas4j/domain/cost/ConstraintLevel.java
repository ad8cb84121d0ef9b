package org.snas4j.domain.cost;

import org.snas4j.domain.EnumIds;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's three constraint strengths (plus none), as lambdas of the resource penalty. The
 * paper does not publish its lambdas; these are calibrated for the authors' setting, the LOG
 * penalty of the COMBINED cost with the logits trained by Adam (lr 3e-4, weight decay 1e-3):
 * <ul>
 *   <li>NONE 0: no constraint;</li>
 *   <li>MILD 1.5e-3: the {@code --resource_lambda} of both published search commands (8 cells and 20
 *       cells; the 8-cell command's remark says 1e-2, its flag 1.5e-3);</li>
 *   <li>MODERATE 4e-3: between mild and aggressive, roughly geometrically;</li>
 *   <li>AGGRESSIVE 1e-2: the authors' code's default lambda for the reparametrisation and discrete
 *       estimators.</li>
 * </ul>
 * Because Adam normalises the gradient's scale, lambda matters through its balance with the
 * loss gradient and the logits' weight decay: under the penalty and weight decay alone the
 * logits settle where lambda * dPenalty/dalpha = -1e-3 * alpha, so a larger lambda pushes harder
 * towards cheap ops and the expected parameter count falls as the level rises (shown in
 * ConstraintLevelTest). The linear penalty is orders of magnitude larger per edge: scale lambda
 * down accordingly when using it.
 */
public enum ConstraintLevel {
    NONE(0.0),
    MILD(1.5e-3),
    MODERATE(4e-3),
    AGGRESSIVE(1e-2);

    private final double lambda;

    ConstraintLevel(double lambda) {
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    /** Lower-case name used in configuration files and flags. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the unknown id and the valid ones
     */
    public static ConstraintLevel fromId(String id) {
        return EnumIds.fromId(ConstraintLevel.class, id, ConstraintLevel::id, Map.of(), "constraint level");
    }
}
