package org.snas4j.adapter.storage.search;

import org.snas4j.adapter.storage.checkpoint.StateCodec;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.proto.SearchStateProto;

/** A search's architecture state as {@code state.pb}, a binary {@link SearchStateProto}. */
public final class SearchStateCodec implements StateCodec<SearchState> {

    @Override
    public String fileName() {
        return "state.pb";
    }

    @Override
    public int completedEpochs(SearchState state) {
        return state.completedEpochs();
    }

    @Override
    public byte[] encode(SearchState state) {
        return SearchStateProtoMapper.toProto(state).toByteArray();
    }

    @Override
    public SearchState decode(byte[] bytes) {
        try {
            return SearchStateProtoMapper.fromProto(ProtoFormat.BINARY.parse(bytes, SearchStateProto.getDefaultInstance()));
        } catch (ProtoFormat.MalformedMessageException e) {
            throw new IllegalArgumentException("not a valid SearchStateProto (truncated or garbled?): " + e.getMessage(), e);
        }
    }
}
