package org.snas4j.adapter.tensorflow.child;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.testing.FiniteDifferences;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The ImageNet (mobile) network: its stems, its auxiliary head and the label-smoothed loss it trains
 * with, against finite differences; its built parameters against the domain's (and so the authors') count.
 */
class ImageNetChildNetworkTest {

    /** 3 cells (reductions at 1 and 2) on 32x32: the stems give 4x4 maps, the cells 4, 2 and 1. */
    static final NetworkShape TINY = new NetworkShape(3, 4, 32, 3, 5, NetworkKind.IMAGENET);

    @Test
    void theBuiltMobileNetworkHasTheDomainsParameterCountInBothPoolConventions() {
        NetworkShape mobile = NetworkShape.paperImageNet();
        for (String name : List.of("darts-v2", "snas-moderate")) {
            for (ChildOptions options : List.of(new ChildOptions(false, false), new ChildOptions(true, true))) {
                Genotype genotype = PublishedGenotypes.byName(name);
                assertEquals(NetworkParameterCount.ofChild(genotype, mobile, options),
                        ChildNetworkParameterCountTest.builtParameters(genotype, mobile, options), name + " " + options);
            }
        }
    }

    @Test
    void wholeTinyImageNetChildMatchesFiniteDifferences() {
        Genotype genotype = PublishedGenotypes.byName("snas-moderate");
        ChildNetworkGradientTest.assertGradientsMatch("tiny ImageNet child",
                Map4.random(4, TINY.inputSize(), TINY.inputSize(), TINY.inputChannels(), 41),
                (scope, x) -> ChildNetwork.training(scope, x, genotype, TINY, new ChildOptions(false, true),
                        ChildNetworkGradientTest.dropPath(scope.tf(), 1f)).logits(),
                30, ChildNetworkGradientTest.NETWORK_RELATIVE_TOLERANCE);
    }

    @Test
    void imageNetAuxiliaryHeadGradientsMatchOnTheMobileSevenBySevenFeatures() {
        // 7x7 (the 224x224 network's cell 9) -> pooled 2x2 with stride 2 -> DARTS' 2x2 convolution to 1x1.
        ChildNetworkGradientTest.assertGradientsMatch("ImageNet auxiliary head", Map4.random(12, 7, 7, 6, 42),
                (scope, x) -> {
                    Operand<TFloat32> logits = AuxiliaryHead.build(scope.child("auxiliary"), x, 6, 4, NetworkKind.IMAGENET);
                    assertEquals(Shape.of(12, 4), logits.shape());
                    return logits;
                });
    }

    @Test
    void labelSmoothedLossIsTheAuthorsAndItsGradientMatchesFiniteDifferences() {
        int examples = 3;
        int classes = 5;
        double epsilon = 0.1;
        float[] logits = Map4.random(examples, 1, 1, classes, 43).data();
        float[] oneHot = new float[examples * classes];
        int[] targets = {2, 0, 4};
        for (int i = 0; i < examples; i++) {
            oneHot[i * classes + targets[i]] = 1f;
        }
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> x = probe.input("logits", Shape.of(examples, classes));
            Operand<TFloat32> labels = probe.tf().constant(Shape.of(examples, classes), org.tensorflow.ndarray.buffer.DataBuffers.of(oneHot));
            Operand<TFloat32> loss = ChildTrainingGraph.meanCrossEntropy(probe.tf(), x,
                    ChildTrainingGraph.smoothed(probe.tf(), labels, epsilon, classes));
            probe.finish(probe.tf().reshape(loss, probe.tf().constant(new int[] {1})), 3);
            Map<String, float[]> point = probe.point(Map.of("logits", logits));
            assertEquals(authorsLabelSmoothedLoss(logits, targets, classes, epsilon), probe.output(point)[0], 1e-5);
            FiniteDifferences.assertDirectionalDerivatives("label-smoothed cross-entropy", probe::objective, point, probe.gradient(point),
                    List.of("logits"), 3, 1e-2, 44);
        }
    }

    /**
     * The authors' CrossEntropyLabelSmooth: targets (1 - epsilon) * one-hot + epsilon / classes,
     * loss = (-targets * log_softmax(logits)).mean(0).sum(), in doubles.
     */
    static double authorsLabelSmoothedLoss(float[] logits, int[] targets, int classes, double epsilon) {
        double total = 0;
        for (int i = 0; i < targets.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[i * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[i * classes + k] - max);
            }
            double logSum = max + Math.log(sum);
            for (int k = 0; k < classes; k++) {
                double target = (k == targets[i] ? 1 - epsilon : 0) + epsilon / classes;
                total -= target * (logits[i * classes + k] - logSum);
            }
        }
        return total / targets.length;
    }

    @Test
    void referenceLossDiffersFromPlainCrossEntropySoTheCheckCanFail() {
        float[] logits = {3f, 0f, -1f};
        double smoothed = authorsLabelSmoothedLoss(logits, new int[] {0}, 3, 0.1);
        double plain = authorsLabelSmoothedLoss(logits, new int[] {0}, 3, 0);
        assertTrue(smoothed > plain + 0.05, smoothed + " vs " + plain);
    }
}
