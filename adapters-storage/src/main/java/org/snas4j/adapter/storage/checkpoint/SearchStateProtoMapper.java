package org.snas4j.adapter.storage.checkpoint;

import static org.snas4j.adapter.storage.io.LogitsValues.flatten;
import static org.snas4j.adapter.storage.io.LogitsValues.unflatten;

import org.snas4j.application.search.SearchState;
import org.snas4j.domain.optim.AdamState;
import org.snas4j.proto.AdamStateProto;
import org.snas4j.proto.SearchStateProto;

/** Converts a search state to its protobuf form (matrices flattened normal-then-reduction) and back. */
final class SearchStateProtoMapper {

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

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " is negative (" + value + ")");
        }
    }
}
