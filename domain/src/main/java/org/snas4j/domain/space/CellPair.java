package org.snas4j.domain.space;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One value per cell kind: the normal-cell and reduction-cell halves of logits, samples,
 * gradients or genotypes, which SNAS always handles in pairs.
 */
public record CellPair<T>(T normal, T reduction) {

    public CellPair {
        Objects.requireNonNull(normal, "normal");
        Objects.requireNonNull(reduction, "reduction");
    }

    public T get(CellKind kind) {
        return kind == CellKind.NORMAL ? normal : reduction;
    }

    public <R> CellPair<R> map(Function<? super T, ? extends R> f) {
        return new CellPair<>(f.apply(normal), f.apply(reduction));
    }

    /** Combines this pair with another kind by kind, e.g. adding two gradients. */
    public <U, R> CellPair<R> zip(CellPair<U> other, BiFunction<? super T, ? super U, ? extends R> f) {
        return new CellPair<>(f.apply(normal, other.normal), f.apply(reduction, other.reduction));
    }

    public static <T> CellPair<T> of(Function<CellKind, T> perKind) {
        return new CellPair<>(perKind.apply(CellKind.NORMAL), perKind.apply(CellKind.REDUCTION));
    }
}
