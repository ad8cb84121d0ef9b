package org.snas4j.application.service.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.snas4j.application.MarkdownTable;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.study.GroupStatistics;
import org.snas4j.application.port.in.study.StudyCell;
import org.snas4j.application.port.in.study.StudyConfiguration;
import org.snas4j.application.port.in.study.StudyResult;

/** A study's result as text: the table for the console and study.md, and study.csv. */
public final class StudyReport {

    /** The cell table's columns after the accuracy; before it come group and cell (text) and the accuracy, then per seed if shown. */
    private static final List<String> CELL_FIGURES = List.of("parameters", "cell MFLOPs", "train min", "search min");
    private static final String[] GROUP_COLUMNS = {"group", "n", "mean top-1", "sd"};
    private static final boolean[] GROUP_NUMERIC = {false, true, true, true};

    private StudyReport() {
    }

    /**
     * Every cell, then every group's mean and standard deviation, as aligned Markdown tables; a cell
     * retrained with several seeds shows their mean and, in a column of its own, each seed's figure.
     */
    public static String tables(StudyResult result) {
        boolean perSeed = result.cells().stream().anyMatch(c -> c.testTop1BySeed().size() > 1);
        List<String[]> cells = new ArrayList<>();
        for (StudyCell c : result.cells()) {
            List<String> row = new ArrayList<>(List.of(c.group().id(), c.name(), percent(c.testTop1())));
            if (perSeed) {
                row.add(String.join(" / ", c.testTop1BySeed().stream().map(StudyReport::percent).toList()));
            }
            row.addAll(List.of(String.format(Locale.ROOT, "%,d", c.parameters()), String.format(Locale.ROOT, "%.1f", c.cellFlops() / 1e6),
                    minutes(c.trainSeconds()), c.searchSeconds().isPresent() ? minutes(c.searchSeconds().getAsDouble()) : ""));
            cells.add(row.toArray(String[]::new));
        }
        List<String[]> groups = new ArrayList<>();
        for (GroupStatistics g : result.statistics()) {
            groups.add(new String[] {g.group().id(), Integer.toString(g.cells()), percent(g.mean()),
                Double.isNaN(g.standardDeviation()) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * g.standardDeviation())});
        }
        List<String> columns = new ArrayList<>(perSeed ? List.of("group", "cell", "mean test top-1", "per seed")
                : List.of("group", "cell", "test top-1"));
        columns.addAll(CELL_FIGURES);
        boolean[] numeric = new boolean[columns.size()];
        Arrays.fill(numeric, 2, numeric.length, true);
        return table(columns.toArray(String[]::new), numeric, cells) + "\n" + table(GROUP_COLUMNS, GROUP_NUMERIC, groups);
    }

    /** study.md: the question, the verdict, the tables, and what was compared under which budget. */
    public static String markdown(StudyResult result, StudyConfiguration configuration) {
        SearchConfiguration search = configuration.searchTemplate();
        RetrainConfiguration retrain = configuration.retrainTemplate();
        StringBuilder md = new StringBuilder();
        md.append("# Is the searched cell better than a random cell from the same space?\n\n");
        md.append(result.verdict()).append("\n\n");
        md.append(tables(result)).append('\n');
        md.append(String.format(Locale.ROOT, "- Searched: %d search(es), seeds %d..%d, %d cells, C=%d, %d epochs (%d warm-up) on %s; "
                        + "the cell is each search's final top-2 genotype (%s rule). Every setting is in study.properties.%n",
                configuration.searches(), configuration.searchSeed(0), configuration.searchSeed(Math.max(0, configuration.searches() - 1)),
                search.layers(), search.channels(), search.epochs(), search.warmupEpochs(), search.dataset().name(), search.top2Rule().id()));
        md.append(String.format(Locale.ROOT, "- Random: %d cell(s) of the same form, two distinct inputs per node, ops drawn uniformly "
                + "(seeded from %d).%n", configuration.randomCells(), configuration.baseSeed()));
        md.append("- Published: ").append(configuration.published().isEmpty() ? "none" : String.join(", ", configuration.published()))
                .append(".\n");
        md.append(String.format(Locale.ROOT, "- Every cell retrained alike: %d cells, C=%d, batch %d, %d epochs, %s training images, %s; "
                        + "test top-1 on the full test set%s.%n", retrain.layers(), retrain.channels(), retrain.batchSize(), retrain.epochs(),
                retrain.trainLimit() == 0 ? "all" : String.format(Locale.ROOT, "the first %,d", retrain.trainLimit()),
                configuration.trainSeeds() == 1 ? "seed " + retrain.seed()
                        : String.format(Locale.ROOT, "once with each seed %d..%d", configuration.retrainSeed(0),
                                configuration.retrainSeed(configuration.trainSeeds() - 1)),
                configuration.trainSeeds() == 1 ? "" : ", a cell's figure the mean over its seeds and the groups' statistics over those means"));
        md.append("- parameters: of the retrained network; cell MFLOPs: multiply-adds of its cells per image (SNAS cost model; "
                + "stem and classifier excluded); times: the run's epochs summed, in minutes.\n");
        return md.toString();
    }

    /**
     * study.csv: one row per cell; accuracy as a fraction (the mean over the retraining seeds, then each
     * seed's, separated by ';'), times in seconds, the run directory of the first seed.
     */
    public static String csv(StudyResult result) {
        StringBuilder csv = new StringBuilder(
                "group,cell,run_directory,test_top1,parameters,cell_flops,train_seconds,search_seconds,test_top1_by_seed\n");
        for (StudyCell c : result.cells()) {
            csv.append(String.join(",", c.group().id(), quoted(c.name()), quoted(result.directory().relativize(c.runDirectory()).toString()),
                    String.format(Locale.ROOT, "%.6f", c.testTop1()), Long.toString(c.parameters()),
                    String.format(Locale.ROOT, "%.0f", c.cellFlops()), String.format(Locale.ROOT, "%.1f", c.trainSeconds()),
                    c.searchSeconds().isPresent() ? String.format(Locale.ROOT, "%.1f", c.searchSeconds().getAsDouble()) : "",
                    String.join(";", c.testTop1BySeed().stream().map(a -> String.format(Locale.ROOT, "%.6f", a)).toList())))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String table(String[] columns, boolean[] numeric, List<String[]> rows) {
        MarkdownTable table = new MarkdownTable(columns, numeric);
        rows.forEach(table::row);
        return table.toString();
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds / 60);
    }

    private static String quoted(String field) {
        return MarkdownTable.csvField(field);
    }
}
