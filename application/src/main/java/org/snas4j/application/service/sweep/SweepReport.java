package org.snas4j.application.service.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snas4j.application.MarkdownTable;
import org.snas4j.application.port.in.sweep.SweepSummary;
import org.snas4j.application.port.in.sweep.SweepSummary.TrialRow;
import org.snas4j.application.port.out.trial.TrialState;

/** A sweep's summary as text: the tables for the console and summary.md, and summary.csv. */
public final class SweepReport {

    private static final String[] TRIAL_COLUMNS = {"trial", "state", "epochs", "constraint", "child acc", "top-2 acc", "exp. params",
        "params", "exp. MFLOPs", "MFLOPs"};
    private static final boolean[] TRIAL_NUMERIC = {false, false, true, false, true, true, true, true, true, true};
    private static final String[] BEST_COLUMNS = {"constraint", "trial", "child acc", "params", "genotypes"};
    private static final boolean[] BEST_NUMERIC = {false, false, true, true, false};

    private SweepReport() {
    }

    /** The trial table, the front and the best trial per constraint, as aligned Markdown tables. */
    public static String tables(SweepSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append(trialTable(summary.trials())).append('\n');
        out.append("Pareto front (held-out child accuracy vs parameters, finished trials):\n\n");
        out.append(summary.front().isEmpty() ? "(no finished trial yet)\n" : trialTable(summary.front())).append('\n');
        out.append("Best trial per constraint:\n\n");
        if (summary.best().isEmpty()) {
            out.append("(no finished trial yet)\n");
        } else {
            MarkdownTable best = new MarkdownTable(BEST_COLUMNS, BEST_NUMERIC);
            for (SweepSummary.Best b : summary.best()) {
                best.row(b.constraint(), b.trial().name(), percent(b.trial().childAccuracy()), count(b.trial().actualParameters()),
                        b.genotypes().isEmpty() ? "" : b.genotypes().get(0).toString().replace(".pb", ".{pb,textproto,json}"));
            }
            out.append(best);
        }
        return out.toString();
    }

    /** summary.md: what was swept, the tables, what the columns mean, and the picture. */
    public static String markdown(SweepSummary summary, String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append("# Sweep ").append(summary.sweepId()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d trials: %d finished, %d running, %d failed, %d not started.%n%n",
                summary.trials().size(), summary.count(TrialState.SUCCEEDED),
                summary.count(TrialState.RUNNING),
                summary.count(TrialState.FAILED),
                summary.count(TrialState.PENDING)));
        md.append(tables(summary)).append('\n');
        if (!summary.front().isEmpty()) {
            md.append("![held-out child accuracy against parameters](").append(chartFile).append(")\n\n");
        }
        md.append("- child acc / top-2 acc: held-out accuracy of the derived edge-all / top-2 child WITHOUT retraining, newest epoch "
                + "(a running trial's figures are those of its newest epoch).\n");
        md.append("- exp. params / exp. MFLOPs: the cells' ops under p_alpha; params / MFLOPs: the cells' ops of the final derived "
                + "edge-all child (stem and classifier excluded; SNAS cost model; FLOPs per image, '-' where the dataset could not be read).\n");
        md.append("- The front and the best genotypes use finished trials only; every trial's settings are in sweep.textproto and "
                + "its run directory's configuration.textproto.\n");
        List<TrialRow> failed = summary.trials().stream().filter(t -> !t.message().isEmpty()).toList();
        for (TrialRow t : failed) {
            md.append("- ").append(t.name()).append(": ").append(t.message()).append('\n');
        }
        return md.toString();
    }

    /** summary.csv: one row per trial, accuracies as fractions. */
    public static String csv(SweepSummary summary) {
        StringBuilder csv = new StringBuilder("trial,assignment,state,launches,constraint,lambda,completed_epochs,epochs,child_accuracy,"
                + "top2_child_accuracy,expected_parameters,parameters,expected_flops,flops,on_front\n");
        for (TrialRow t : summary.trials()) {
            csv.append(String.join(",", MarkdownTable.csvField(t.name()), MarkdownTable.csvField(assignment(t.assignment())),
                    t.state().name().toLowerCase(Locale.ROOT), Integer.toString(t.launches()), MarkdownTable.csvField(t.constraint()),
                    Double.toString(t.lambda()), Integer.toString(t.completedEpochs()), Integer.toString(t.epochs()),
                    number("%.6f", t.childAccuracy()), number("%.6f", t.top2ChildAccuracy()), number("%.0f", t.expectedParameters()),
                    number("%.0f", t.actualParameters()), number("%.0f", t.expectedFlops()), number("%.0f", t.actualFlops()),
                    Boolean.toString(summary.front().stream().anyMatch(f -> f.name().equals(t.name())))))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String trialTable(List<TrialRow> trials) {
        MarkdownTable table = new MarkdownTable(TRIAL_COLUMNS, TRIAL_NUMERIC);
        for (TrialRow t : trials) {
            table.row(t.name(), t.state().name().toLowerCase(Locale.ROOT), t.completedEpochs() + "/" + t.epochs(), t.constraint(),
                    percent(t.childAccuracy()), percent(t.top2ChildAccuracy()), count(t.expectedParameters()), count(t.actualParameters()),
                    millions(t.expectedFlops()), millions(t.actualFlops()));
        }
        return table.toString();
    }

    private static String assignment(Map<String, String> assignment) {
        StringBuilder text = new StringBuilder();
        assignment.forEach((flag, value) -> text.append(text.length() == 0 ? "" : " ").append(flag).append(' ').append(value));
        return text.toString();
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "-";
    }

    private static String count(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : "-";
    }

    private static String millions(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value / 1e6) : "-";
    }

    private static String number(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "";
    }
}
