package org.snas4j.adapter.storage.checkpoint;

/**
 * How a {@link FileCheckpointStore} turns a run's state into the bytes of one file of a checkpoint and
 * back; everything else about a checkpoint (layout, manifest, checksums, pruning) is the store's.
 *
 * @param <S> the state a run stores besides the network's variables
 */
public interface StateCodec<S> {

    /** The state's file inside a checkpoint directory, e.g. {@code state.pb}. */
    String fileName();

    /** The epochs the state has completed; it names the checkpoint ({@code epoch-NNNN}). */
    int completedEpochs(S state);

    byte[] encode(S state);

    /**
     * @throws IllegalArgumentException describing in one line why {@code bytes} are not a state (the
     *                                  store names the file and skips the checkpoint)
     */
    S decode(byte[] bytes);
}
