package org.snas4j.application.port.in.study;

import java.util.List;
import java.util.Objects;

/**
 * How the searched cells rank among the random ones: the Mann-Whitney rank-sum test, one-sided,
 * with its exact null distribution. It asks the study's question directly (does a searched cell tend
 * to beat a random cell?) without assuming normal accuracies, and with two searched cells against
 * eight random ones it can already say something the comparison of means cannot: both searched cells
 * above every random one has probability 1/45 under chance.
 *
 * @param beaten  for each searched cell, how many random cells it beats (a tie counts half)
 * @param random  how many random cells there are
 * @param u       the Mann-Whitney U statistic, the sum of {@code beaten}, between 0 and searched x random
 * @param pValue  P(U >= u) when searched and random cells are exchangeable (the search is no better than
 *                chance), exact for accuracies without ties; a tie's half counts are rounded up to the
 *                next whole U, so with ties the figure is a slight underestimate
 */
public record RankComparison(List<Double> beaten, int random, double u, double pValue) {

    public RankComparison {
        beaten = List.copyOf(Objects.requireNonNull(beaten, "beaten"));
    }

    /** The largest possible U: every searched cell beats every random one. */
    public int maximumU() {
        return beaten.size() * random;
    }

    /**
     * The comparison of {@code searched} against {@code random} accuracies.
     *
     * @throws IllegalArgumentException if either list is empty
     */
    public static RankComparison of(List<Double> searched, List<Double> random) {
        if (searched.isEmpty() || random.isEmpty()) {
            throw new IllegalArgumentException("a rank comparison needs searched and random cells, got " + searched.size() + " and "
                    + random.size());
        }
        List<Double> beaten = searched.stream().map(s -> random.stream().mapToDouble(r -> s > r ? 1 : s.equals(r) ? 0.5 : 0).sum()).toList();
        double u = beaten.stream().mapToDouble(Double::doubleValue).sum();
        return new RankComparison(beaten, random.size(), u, upperTail(searched.size(), random.size(), (int) Math.ceil(u)));
    }

    /**
     * P(U >= u) for m searched and n random cells under exchangeability: the number of orderings with
     * U = k obeys N(m, n, k) = N(m - 1, n, k - n) + N(m, n - 1, k) (the best cell is searched, beating
     * all n random ones, or random, beating none), out of (m + n choose m) orderings.
     */
    static double upperTail(int m, int n, int u) {
        // ways[j][k]: orderings of j searched and i random cells with U = k, built up over i = 0..n.
        double[][] ways = new double[m + 1][];
        for (int j = 0; j <= m; j++) {
            ways[j] = new double[j * n + 1];
        }
        for (int j = 0; j <= m; j++) {
            ways[j][0] = 1; // with no random cells yet every ordering has U = 0
        }
        for (int i = 1; i <= n; i++) {
            double[][] next = new double[m + 1][];
            for (int j = 0; j <= m; j++) {
                next[j] = new double[j * n + 1];
                for (int k = 0; k <= j * i; k++) {
                    double randomBest = k <= j * (i - 1) ? ways[j][k] : 0;
                    double searchedBest = j > 0 && k >= i && k - i <= (j - 1) * i ? next[j - 1][k - i] : 0;
                    next[j][k] = randomBest + searchedBest;
                }
            }
            ways = next;
        }
        double total = 0;
        double tail = 0;
        for (int k = 0; k <= m * n; k++) {
            total += ways[m][k];
            tail += k >= u ? ways[m][k] : 0;
        }
        return tail / total;
    }
}
