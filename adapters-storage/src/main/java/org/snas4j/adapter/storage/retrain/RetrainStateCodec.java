package org.snas4j.adapter.storage.retrain;

import java.nio.file.Path;
import org.snas4j.adapter.storage.checkpoint.StateCodec;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.RetrainState;

/** A retraining run's loop state as {@code state.properties}, the format retraining checkpoints have always had. */
final class RetrainStateCodec implements StateCodec<RetrainState> {

    static final String FILE_NAME = "state.properties";

    private static final String COMPLETED_EPOCHS = "completed_epochs";
    private static final String GLOBAL_STEP = "global_step";

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public int completedEpochs(RetrainState state) {
        return state.completedEpochs();
    }

    @Override
    public byte[] encode(RetrainState state) {
        return RunProperties.empty(Path.of(FILE_NAME))
                .put(COMPLETED_EPOCHS, state.completedEpochs())
                .put(GLOBAL_STEP, state.globalStep())
                .toBytes();
    }

    @Override
    public RetrainState decode(byte[] bytes) {
        try {
            RunProperties properties = RunProperties.parse(Path.of(FILE_NAME), bytes);
            return new RetrainState(properties.integer(COMPLETED_EPOCHS), properties.longValue(GLOBAL_STEP));
        } catch (InvalidInputException e) {
            // The store names the checkpoint; the problem is all it needs from here.
            throw new IllegalArgumentException(e.problem(), e);
        }
    }
}
