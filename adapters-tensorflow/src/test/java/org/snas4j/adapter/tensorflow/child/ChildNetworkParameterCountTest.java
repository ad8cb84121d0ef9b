package org.snas4j.adapter.tensorflow.child;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snas4j.adapter.tensorflow.ops.DropPath;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The built evaluation network's trainable parameters equal the domain's count, genotype by
 * genotype, at the papers' evaluation shape (20 cells, C 36, CIFAR-10): graphs are built, never run.
 */
class ChildNetworkParameterCountTest {

    static final NetworkShape EVALUATION = NetworkShape.paperEvaluation();

    static Stream<Arguments> publishedWithAndWithoutHead() {
        return PublishedGenotypes.names().stream().flatMap(name -> Stream.of(Arguments.of(name, false), Arguments.of(name, true)));
    }

    @ParameterizedTest(name = "{0}, auxiliary head {1}")
    @MethodSource("publishedWithAndWithoutHead")
    void publishedGenotypesHaveTheDomainsParameterCount(String name, boolean auxiliary) {
        ChildOptions options = new ChildOptions(auxiliary, false);
        Genotype genotype = PublishedGenotypes.byName(name);
        assertEquals(NetworkParameterCount.ofChild(genotype, EVALUATION, options), builtParameters(genotype, EVALUATION, options));
    }

    @Test
    void batchNormAfterPoolsAddsItsParametersToo() {
        ChildOptions options = new ChildOptions(true, true);
        Genotype genotype = PublishedGenotypes.byName("darts-v2");
        assertEquals(NetworkParameterCount.ofChild(genotype, EVALUATION, options), builtParameters(genotype, EVALUATION, options));
    }

    @Test
    void edgeAllGenotypeWithNoneEdgesAndEmptyNodesHasTheDomainsParameterCount() {
        Genotype genotype = edgeAllWithEmptyNodes();
        for (boolean auxiliary : new boolean[] {false, true}) {
            ChildOptions options = new ChildOptions(auxiliary, true);
            assertEquals(NetworkParameterCount.ofChild(genotype, EVALUATION, options), builtParameters(genotype, EVALUATION, options),
                    "auxiliary head " + auxiliary);
        }
    }

    @Test
    void publishedFiguresComeOutWhereTheCellsReproduceThem() {
        // Papers' tables, in millions, without the auxiliary head: DARTS (second order) 3.3, SNAS moderate 2.8,
        // SNAS aggressive 2.3. SNAS mild's published cell (genotypes.py of the authors, as PublishedGenotypes
        // holds it) builds 2.66M in the authors' NetworkCIFAR as here, not the 2.9M of the paper's table.
        ChildOptions plain = new ChildOptions(false, false);
        assertEquals(3.3, millions(builtParameters(PublishedGenotypes.byName("darts-v2"), EVALUATION, plain)), 0.05);
        assertEquals(2.8, millions(builtParameters(PublishedGenotypes.byName("snas-moderate"), EVALUATION, plain)), 0.05);
        assertEquals(2.3, millions(builtParameters(PublishedGenotypes.byName("snas-aggressive"), EVALUATION, plain)), 0.05);
        assertEquals(2.66, millions(builtParameters(PublishedGenotypes.byName("snas-mild"), EVALUATION, plain)), 0.005);
    }

    /**
     * Edge-all normal cell: node 2 has only none inputs (zeros), everything else a mix; the reduction
     * cell has no edge leaving input 0, so its preprocessing is built but unused.
     */
    static Genotype edgeAllWithEmptyNodes() {
        Operation[] normalOps = Operation.values();
        List<CellEdge> normal = new ArrayList<>();
        List<CellEdge> reduction = new ArrayList<>();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            int from = CellTopology.fromNode(e);
            int to = CellTopology.toNode(e);
            Operation op = to == 2 ? Operation.NONE : normalOps[e % normalOps.length];
            normal.add(new CellEdge(op, from, to));
            Operation reduce = from == 0 ? Operation.NONE : normalOps[(e + 3) % normalOps.length];
            reduction.add(new CellEdge(reduce, from, to));
        }
        return new Genotype(new CellGenotype(GenotypeForm.EDGE_ALL, normal), new CellGenotype(GenotypeForm.EDGE_ALL, reduction));
    }

    static long builtParameters(Genotype genotype, NetworkShape shape, ChildOptions options) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            VariableStore store = new VariableStore(tf);
            Placeholder<TFloat32> images = tf.placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, shape.inputSize(), shape.inputSize(), shape.inputChannels())));
            DropPath dropPath = new DropPath(tf.constant(1f), tf.constant(new long[] {1L, 2L}).asOutput().expect(TInt64.class));
            ChildNetwork.training(NetworkScope.root(tf, store, Mode.TRAINING), images, genotype, shape, options, dropPath);
            return store.size(VariableStore.Kind.TRAINABLE);
        }
    }

    private static double millions(long parameters) {
        return parameters / 1e6;
    }
}
