package org.snas4j.adapter.storage.run;

import java.util.List;
import java.util.Optional;
import org.snas4j.adapter.storage.io.LogitsValues;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.proto.EpochMetricsProto;

/** Converts one epoch's metrics to the message of a metrics.jsonl line and back. */
final class EpochMetricsProtoMapper {

    private EpochMetricsProtoMapper() {
    }

    static EpochMetricsProto toProto(EpochMetrics m) {
        return EpochMetricsProto.newBuilder()
                .setEpoch(m.epoch())
                .setTemperature(m.temperature())
                .setLearningRate(m.learningRate())
                .setTrainLoss(m.trainLoss())
                .setTrainAccuracy(m.trainAccuracy())
                .setSupernetAccuracy(m.supernetAccuracy())
                .setChildAccuracy(m.childAccuracy())
                .setChildLoss(m.childLoss())
                .setExpectedParameters(m.expectedParameters())
                .setExpectedFlops(m.expectedFlops())
                .setExpectedMac(m.expectedMac())
                .setPenalty(m.penalty())
                .setEntropy(m.entropy())
                .setParameterFreeEdges(m.parameterFreeEdges())
                .setSeconds(m.seconds())
                .setTop2ChildAccuracy(m.top2ChildAccuracy())
                .addAllAlphaLogits(m.alphaLogits().map(LogitsValues::flatten).orElse(List.of()))
                .build();
    }

    static EpochMetrics fromProto(EpochMetricsProto p) {
        if (p.getEpoch() < 0) {
            throw new IllegalArgumentException("epoch is negative (" + p.getEpoch() + ")");
        }
        return new EpochMetrics(p.getEpoch(), p.getTemperature(), p.getLearningRate(), p.getTrainLoss(), p.getTrainAccuracy(),
                p.getSupernetAccuracy(), p.getChildAccuracy(), p.getChildLoss(), p.getExpectedParameters(), p.getExpectedFlops(),
                p.getExpectedMac(), p.getPenalty(), p.getEntropy(), p.getParameterFreeEdges(), p.getSeconds(),
                p.hasTop2ChildAccuracy() ? p.getTop2ChildAccuracy() : Double.NaN,
                p.getAlphaLogitsCount() == 0 ? Optional.empty() : Optional.of(LogitsValues.unflatten("alpha_logits", p.getAlphaLogitsList())));
    }
}
