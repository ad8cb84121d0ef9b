package org.snas4j.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An aligned Markdown table (numbers right-aligned) for reports that are read on a console and as Markdown alike; and CSV fields. */
public final class MarkdownTable {

    private final String[] columns;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();

    /** @param numeric per column, whether it holds numbers */
    public MarkdownTable(String[] columns, boolean[] numeric) {
        if (columns.length != numeric.length) {
            throw new IllegalArgumentException(columns.length + " columns but " + numeric.length + " alignments");
        }
        this.columns = columns.clone();
        this.numeric = numeric.clone();
    }

    public MarkdownTable row(String... values) {
        if (values.length != columns.length) {
            throw new IllegalArgumentException(columns.length + " columns but a row of " + values.length);
        }
        for (String value : values) {
            Objects.requireNonNull(value, "value");
        }
        rows.add(values.clone());
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            widths[i] = Math.max(3, columns[i].length());
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns, widths);
        String[] rule = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            // Markdown's alignment row: numbers right-aligned.
            rule[i] = "-".repeat(widths[i] - 1) + (numeric[i] ? ":" : "-");
        }
        line(out, rule, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, String[] values, int[] widths) {
        out.append('|');
        for (int i = 0; i < values.length; i++) {
            String padding = " ".repeat(widths[i] - values[i].length());
            out.append(' ').append(numeric[i] ? padding + values[i] : values[i] + padding).append(" |");
        }
        out.append('\n');
    }

    /** A CSV field, quoted only when it has to be. */
    public static String csvField(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
