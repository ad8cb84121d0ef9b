package org.snas4j.adapter.storage.search;

import java.util.Arrays;
import java.util.List;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.domain.optim.AdamState;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.proto.AdamStateProto;
import org.snas4j.proto.SearchStateProto;

/** Converts a search state to its protobuf form (matrices flattened normal-then-reduction) and back. */
final class SearchStateProtoMapper {

    private static final int CELL_VALUES = EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS;
    private static final int PAIR_VALUES = 2 * CELL_VALUES;

    private SearchStateProtoMapper() {
    }

    static SearchStateProto toProto(SearchState state) {
        AdamState adam = state.optimizer();
        return SearchStateProto.newBuilder()
                .setCompletedEpochs(state.completedEpochs())
                .setGlobalStep(state.globalStep())
                .addAllLogits(flatten(state.logits()))
                .setAdam(AdamStateProto.newBuilder()
                        .setStep(adam.step())
                        .addAllFirstMoment(flatten(adam.firstMoment()))
                        .addAllSecondMoment(flatten(adam.secondMoment())))
                .build();
    }

    /** @throws IllegalArgumentException describing the first problem in one line */
    static SearchState fromProto(SearchStateProto proto) {
        requireNonNegative("completed_epochs", proto.getCompletedEpochs());
        requireNonNegative("global_step", proto.getGlobalStep());
        if (!proto.hasAdam()) {
            throw new IllegalArgumentException("adam state is missing");
        }
        AdamStateProto adam = proto.getAdam();
        requireNonNegative("adam.step", adam.getStep());
        return new SearchState(proto.getCompletedEpochs(), proto.getGlobalStep(), unflatten("logits", proto.getLogitsList()),
                new AdamState(adam.getStep(), unflatten("adam.first_moment", adam.getFirstMomentList()),
                        unflatten("adam.second_moment", adam.getSecondMomentList())));
    }

    private static List<Double> flatten(CellPair<EdgeOpMatrix> pair) {
        double[] values = new double[PAIR_VALUES];
        System.arraycopy(pair.normal().toRowMajor(), 0, values, 0, CELL_VALUES);
        System.arraycopy(pair.reduction().toRowMajor(), 0, values, CELL_VALUES, CELL_VALUES);
        return Arrays.stream(values).boxed().toList();
    }

    private static CellPair<EdgeOpMatrix> unflatten(String field, List<Double> values) {
        if (values.size() != PAIR_VALUES) {
            throw new IllegalArgumentException(field + " has " + values.size() + " values, expected " + PAIR_VALUES
                    + " (2 cells x 14 edges x 8 ops)");
        }
        double[] all = values.stream().mapToDouble(Double::doubleValue).toArray();
        try {
            return new CellPair<>(EdgeOpMatrix.ofRowMajor(Arrays.copyOfRange(all, 0, CELL_VALUES)),
                    EdgeOpMatrix.ofRowMajor(Arrays.copyOfRange(all, CELL_VALUES, PAIR_VALUES)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " is negative (" + value + ")");
        }
    }
}
