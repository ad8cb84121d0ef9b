package org.snas4j.adapter.storage.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.snas4j.adapter.storage.run.ConfigurationProtoMapper;
import org.snas4j.application.port.out.trial.SweepManifest;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialRecord;
import org.snas4j.application.port.out.trial.TrialState;
import org.snas4j.proto.AxisValueProto;
import org.snas4j.proto.SweepAxisProto;
import org.snas4j.proto.SweepManifestProto;
import org.snas4j.proto.SweepTrialProto;
import org.snas4j.proto.TrialStateProto;

/** Maps a sweep manifest to its protobuf form and back. */
final class SweepManifestProtoMapper {

    private static final String STATE = "TRIAL_STATE_";

    private SweepManifestProtoMapper() {
    }

    static SweepManifestProto toProto(SweepManifest m) {
        SweepManifestProto.Builder proto = SweepManifestProto.newBuilder()
                .setSweepId(m.sweepId())
                .addAllCommonArguments(m.commonArguments())
                .setCreatedAt(ConfigurationProtoMapper.timestamp(m.createdAt()))
                .setCodeVersion(m.codeVersion())
                .setCommandLine(m.commandLine())
                .setExecutor(m.executor());
        m.axes().forEach(a -> proto.addAxes(SweepAxisProto.newBuilder().setFlag(a.flag()).addAllValues(a.values())));
        for (TrialRecord t : m.trials()) {
            SweepTrialProto.Builder trial = SweepTrialProto.newBuilder()
                    .setName(t.name())
                    .addAllSearchArguments(t.searchArguments())
                    .setConfiguration(ConfigurationProtoMapper.toProto(t.configuration()))
                    .setState(TrialStateProto.valueOf(STATE + t.state().name()))
                    .setLaunches(t.launches())
                    .setHandle(t.handle().map(TrialHandle::id).orElse(""))
                    .setMessage(t.message())
                    .setUpdatedAt(ConfigurationProtoMapper.timestamp(t.updatedAt()))
                    .setCompletedEpochs(t.completedEpochs());
            t.assignment().forEach((flag, value) -> trial.addAssignment(AxisValueProto.newBuilder().setFlag(flag).setValue(value)));
            proto.addTrials(trial);
        }
        return proto.build();
    }

    /** @throws IllegalArgumentException naming the field at fault */
    static SweepManifest fromProto(SweepManifestProto p) {
        if (p.getSweepId().isEmpty()) {
            throw new IllegalArgumentException("sweep_id is missing");
        }
        if (p.getTrialsCount() == 0) {
            throw new IllegalArgumentException("the sweep has no trials");
        }
        var trials = p.getTrialsList().stream().map(SweepManifestProtoMapper::trial).toList();
        var axes = p.getAxesList().stream().map(a -> new SweepManifest.Axis(a.getFlag(), a.getValuesList())).toList();
        return new SweepManifest(p.getSweepId(), axes, p.getCommonArgumentsList(), trials,
                ConfigurationProtoMapper.instant(p.getCreatedAt()), p.getCodeVersion(), p.getCommandLine(), p.getExecutor());
    }

    private static TrialRecord trial(SweepTrialProto t) {
        if (!t.getName().matches("[0-9]+(-[a-z0-9._-]*)?")) {
            throw new IllegalArgumentException("trial name '" + t.getName() + "' is not NNN-...");
        }
        if (!t.hasConfiguration()) {
            throw new IllegalArgumentException("trial " + t.getName() + " has no configuration");
        }
        if (t.getState() == TrialStateProto.TRIAL_STATE_UNSPECIFIED || t.getState() == TrialStateProto.UNRECOGNIZED) {
            throw new IllegalArgumentException("trial " + t.getName() + " has no state");
        }
        Map<String, String> assignment = new LinkedHashMap<>();
        t.getAssignmentList().forEach(a -> assignment.put(a.getFlag(), a.getValue()));
        return new TrialRecord(t.getName(), assignment, t.getSearchArgumentsList(), ConfigurationProtoMapper.fromProto(t.getConfiguration()),
                TrialState.valueOf(t.getState().name().substring(STATE.length())), t.getLaunches(),
                t.getHandle().isEmpty() ? Optional.empty() : Optional.of(new TrialHandle(t.getHandle())), t.getMessage(),
                ConfigurationProtoMapper.instant(t.getUpdatedAt()), t.getCompletedEpochs());
    }
}
