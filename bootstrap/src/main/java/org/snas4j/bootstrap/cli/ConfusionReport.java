package org.snas4j.bootstrap.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.snas4j.application.port.in.predict.ConfusionMatrix;

/** Plain-text rendering of a confusion matrix: accuracy, then the matrix (few classes) or the commonest confusions (many). */
final class ConfusionReport {

    private ConfusionReport() {
    }

    static String render(ConfusionMatrix m, int fullMatrixClasses, int listedConfusions) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "accuracy %.2f%% (%d of %d labelled images)%n", 100 * m.accuracy(), m.correct(), m.total()));
        List<String> names = m.classNames();
        int classes = names.size();
        if (classes <= fullMatrixClasses) {
            int width = Math.max(6, names.stream().mapToInt(String::length).max().orElse(1));
            int column = Math.max(5, Long.toString(m.total()).length() + 1);
            sb.append("confusion matrix (rows: true class, columns: predicted class in the same order)").append(System.lineSeparator());
            sb.append(String.format(Locale.ROOT, "%-" + width + "s", ""));
            for (int p = 0; p < classes; p++) {
                sb.append(String.format(Locale.ROOT, "%" + column + "d", p));
            }
            sb.append("   recall").append(System.lineSeparator());
            for (int t = 0; t < classes; t++) {
                sb.append(String.format(Locale.ROOT, "%-" + width + "s", names.get(t)));
                for (int p = 0; p < classes; p++) {
                    sb.append(String.format(Locale.ROOT, "%" + column + "d", m.count(t, p)));
                }
                double recall = m.recall(t);
                sb.append(Double.isNaN(recall) ? "        -" : String.format(Locale.ROOT, "  %6.1f%%", 100 * recall)).append(System.lineSeparator());
            }
            sb.append("columns: ");
            for (int p = 0; p < classes; p++) {
                sb.append(p == 0 ? "" : ", ").append(p).append(' ').append(names.get(p));
            }
            return sb.append(System.lineSeparator()).toString();
        }
        List<long[]> confusions = new ArrayList<>();
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                if (t != p && m.count(t, p) > 0) {
                    confusions.add(new long[] {m.count(t, p), t, p});
                }
            }
        }
        confusions.sort(Comparator.comparingLong((long[] c) -> -c[0]).thenComparingLong(c -> c[1]).thenComparingLong(c -> c[2]));
        sb.append(String.format(Locale.ROOT, "the %d commonest confusions of %d classes (true -> predicted: images)%n",
                Math.min(listedConfusions, confusions.size()), classes));
        for (long[] c : confusions.subList(0, Math.min(listedConfusions, confusions.size()))) {
            sb.append(String.format(Locale.ROOT, "  %s -> %s: %d%n", names.get((int) c[1]), names.get((int) c[2]), c[0]));
        }
        return sb.toString();
    }
}
