package org.snas4j.bootstrap.cli;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.snas4j.application.port.in.bench.BenchedNetwork;
import org.snas4j.application.port.in.bench.BenchmarkReport;
import org.snas4j.application.port.in.bench.BenchmarkRequest;
import org.snas4j.application.port.in.bench.NetworkMeasurement;
import org.snas4j.application.port.in.bench.OpProfile;
import org.snas4j.application.port.in.bench.OpTypeTime;
import org.snas4j.application.port.in.bench.ScalingRow;
import org.snas4j.application.port.out.bench.MatmulRate;
import org.snas4j.domain.space.NetworkShape;

/** Plain-text rendering of a benchmark: one figure per line, then the scaling table and the op profile. */
final class BenchReport {

    private static final String LINE = "  %-20s %s%n";

    private BenchReport() {
    }

    /** The report, its op profile (if any) listing the {@code profileRows} costliest op types and the rest summed. */
    static String render(BenchmarkReport report, int profileRows) {
        BenchmarkRequest request = report.request();
        NetworkMeasurement m = report.measurement();
        NetworkShape s = m.shape();
        StringBuilder sb = new StringBuilder();
        sb.append(format("bench %s: %d cells, C=%d, input %dx%dx%d, %d classes, batch %d%n",
                request.network() == BenchedNetwork.SUPERNET ? "supernet" : "child " + request.genotypeName(),
                s.layers(), s.initialChannels(), s.inputSize(), s.inputSize(), s.inputChannels(), s.classes(), m.batch()));
        line(sb, "setting", format("%s, threads %s (ops at once, each single-threaded), execution %s, drop-path %s, seed %d",
                request.device().name().toLowerCase(Locale.ROOT), request.threads() == 0 ? "0 = one per core" : String.valueOf(request.threads()),
                request.execution().describe(), request.dropPath(), request.seed()));
        line(sb, "machine", format("%s, %d processors; load average %s at start, %s at end", report.processor(), report.processors(),
                load(report.loadBefore()), load(report.loadAfter())));
        line(sb, "kernels", report.kernels());
        line(sb, "parameters", format("%,d", m.parameters()));
        line(sb, "build", format("%.1f s; first step %.1f s (%d warm-up steps)", m.buildSeconds(), m.firstStepSeconds(), request.warmupSteps()));
        line(sb, "training step", format("%,.1f ms median of %d (min %,.1f, max %,.1f)", m.medianMillis(), m.stepMillis().size(),
                m.minMillis(), m.maxMillis()));
        line(sb, "images/s", format("%.1f", m.imagesPerSecond()));
        line(sb, "training loss", format("%.4f at the first step, %.4f at the last (one batch, so it falls)", m.firstLoss(), m.lastLoss()));
        line(sb, "CPU per step", format("%.3f s (%.2f cores busy)", m.cpuSecondsPerStep(), m.cpuSecondsPerStep() * 1000 / m.medianMillis()));
        line(sb, "inference pass", format("%,.1f ms per batch (median)", m.evaluationMillis()));
        line(sb, "peak memory", m.peakResidentBytes().isPresent()
                ? format("%.2f GB (VmHWM, the whole process)", m.peakResidentBytes().getAsLong() / 1e9) : "unknown");
        line(sb, "arithmetic", format("%.3g GFLOP per step = 2 x %d passes x %d images x %,.0f multiply-adds", m.flopsPerStep() / 1e9,
                NetworkMeasurement.TRAINING_STEP_PASSES, m.batch(), m.multiplyAddsPerImage()));
        line(sb, "achieved", format("%.3g GFLOP/s", m.flopsPerSecond() / 1e9));
        if (report.matmul().isPresent()) {
            MatmulRate rate = report.matmul().get();
            line(sb, "dense matmul", format("%.3g GFLOP/s (%d x %d, %d at once, same threads); the step reaches %.1f%% of it",
                    rate.flopsPerSecond() / 1e9, rate.size(), rate.size(), rate.concurrent(), 100 * report.shareOfMatmulRate().orElseThrow()));
        }
        if (!report.scaling().isEmpty()) {
            sb.append(format("%nscaling (%d timed steps per row, everything else as above)%n", report.scaling().get(0).measurement().stepMillis().size()));
            sb.append(format("%-10s %6s %12s %12s %11s %10s %9s%n", "dimension", "value", "parameters", "ms/step", "CPU s/step", "images/s", "GFLOP/s"));
            for (ScalingRow row : report.scaling()) {
                NetworkMeasurement r = row.measurement();
                sb.append(format("%-10s %6d %,12d %,12.1f %11.3f %10.1f %9.3g%n", row.dimension(), row.value(), r.parameters(), r.medianMillis(),
                        r.cpuSecondsPerStep(), r.imagesPerSecond(), r.flopsPerSecond() / 1e9));
            }
        }
        report.profile().ifPresent(profile -> profile(sb, profile, m, profileRows));
        return sb.toString();
    }

    private static void profile(StringBuilder sb, OpProfile profile, NetworkMeasurement m, int rows) {
        sb.append(format("%nop profile (TensorFlow's step statistics, %d traced steps after the timed ones; per step)%n", profile.steps()));
        sb.append(format("  %,.0f ops, %,.1f ms of op time; a traced step took %,.1f ms (untraced median %,.1f ms: tracing slows small ops"
                + " most, so read the shares)%n", profile.opsPerStep(), profile.millisPerStep(), profile.tracedStepMillis(), m.medianMillis()));
        sb.append(format("%-44s %9s %10s %7s%n", "op type", "ops", "ms", "share"));
        List<OpTypeTime> types = profile.types();
        for (OpTypeTime type : types.subList(0, Math.min(rows, types.size()))) {
            sb.append(format("%-44s %,9.0f %,10.1f %6.1f%%%n", type.type(), type.opsPerStep(), type.millisPerStep(),
                    100 * type.millisPerStep() / profile.millisPerStep()));
        }
        if (types.size() > rows) {
            List<OpTypeTime> rest = types.subList(rows, types.size());
            double restMillis = rest.stream().mapToDouble(OpTypeTime::millisPerStep).sum();
            sb.append(format("%-44s %,9.0f %,10.1f %6.1f%%%n", "(" + rest.size() + " other types)", rest.stream().mapToDouble(OpTypeTime::opsPerStep).sum(),
                    restMillis, 100 * restMillis / profile.millisPerStep()));
        }
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(format(LINE, label, value));
    }

    private static String load(OptionalDouble load) {
        return load.isPresent() ? format("%.2f", load.getAsDouble()) : "unknown";
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
