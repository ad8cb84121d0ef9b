package org.snas4j.adapter.tensorflow.events;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.application.child.RetrainEpochMetrics;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * Writes one process's events of a run into a new event file: first the file version TensorBoard
 * expects and a {@code SessionLog.START} at the first step this process does (TensorBoard then
 * discards anything an earlier process recorded from that step on), then one event per training
 * step and one per epoch. Records are buffered and reach the file every few seconds, so TensorBoard
 * follows a run live; {@link #flush()} also forces them to the disk.
 *
 * <p>Tags: per step {@code train/loss}, {@code train/accuracy}, {@code train/learning_rate} and,
 * searching, {@code train/temperature}; per epoch the epoch's means ({@code epoch/...}), held-out
 * figures ({@code held_out/...} in a search, {@code validation/...} or {@code test/...} in a
 * retraining), the expected cost under p_alpha ({@code cost/...}), {@code alpha/entropy} and
 * {@code alpha/parameter_free_edges}, one histogram per edge of its softmax probabilities over the
 * op index 0..7 ({@code alpha_normal/NN c_{k-2} -> 0}, ...), and a heat map per cell ({@code alpha/normal}, {@code alpha/reduction}).
 */
final class TensorBoardEventSink implements TrainingEventSink {

    static final String FILE_VERSION = "brain.Event:2";
    static final String LOSS = "train/loss";
    static final String ACCURACY = "train/accuracy";
    static final String LEARNING_RATE = "train/learning_rate";
    static final String TEMPERATURE = "train/temperature";

    private static final long WRITE_INTERVAL_NANOS = 5_000_000_000L;
    private static final int WRITE_THRESHOLD_BYTES = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long lastWrite = System.nanoTime();
    private boolean closed;

    private TensorBoardEventSink(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates {@code file} (which must not exist) and writes its header: the file version and the session start. */
    static TensorBoardEventSink create(Path file, long resumedAfterStep) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the events file " + file + ": " + e.getMessage(), e);
        }
        TensorBoardEventSink sink = new TensorBoardEventSink(file, channel);
        try {
            sink.append(Event.newBuilder().setWallTime(wallTime()).setFileVersion(FILE_VERSION).build());
            sink.append(Event.newBuilder().setWallTime(wallTime()).setStep(resumedAfterStep + 1)
                    .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build());
            sink.flush();
            AtomicFiles.syncDirectory(file.getParent());
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    @Override
    public synchronized void step(StepFigures f) {
        Summary.Builder summary = Summary.newBuilder();
        scalar(summary, LOSS, f.loss());
        scalar(summary, ACCURACY, f.accuracy());
        scalar(summary, LEARNING_RATE, f.learningRate());
        if (!Double.isNaN(f.temperature())) {
            scalar(summary, TEMPERATURE, f.temperature());
        }
        append(event(f.step(), summary));
        if (pending.size() >= WRITE_THRESHOLD_BYTES || System.nanoTime() - lastWrite >= WRITE_INTERVAL_NANOS) {
            writePending();
        }
    }

    @Override
    public synchronized void searchEpoch(long step, EpochMetrics m) {
        Summary.Builder summary = Summary.newBuilder();
        scalar(summary, "epoch/train_loss", m.trainLoss());
        scalar(summary, "epoch/train_accuracy", m.trainAccuracy());
        scalar(summary, "epoch/seconds", m.seconds());
        scalar(summary, "held_out/supernet_accuracy", m.supernetAccuracy());
        scalar(summary, "held_out/child_edge_all_accuracy", m.childAccuracy());
        scalar(summary, "held_out/child_top2_accuracy", m.top2ChildAccuracy());
        scalar(summary, "held_out/child_edge_all_loss", m.childLoss());
        scalar(summary, "cost/expected_parameters", m.expectedParameters());
        scalar(summary, "cost/expected_flops", m.expectedFlops());
        scalar(summary, "cost/expected_mac", m.expectedMac());
        scalar(summary, "cost/penalty", m.penalty());
        scalar(summary, "alpha/entropy", m.entropy());
        scalar(summary, "alpha/parameter_free_edges", m.parameterFreeEdges());
        m.alphaLogits().ifPresent(logits -> alpha(summary, ArchitectureDistribution.of(logits).probabilities()));
        append(event(step, summary));
    }

    @Override
    public synchronized void retrainEpoch(long step, RetrainEpochMetrics m) {
        Summary.Builder summary = Summary.newBuilder();
        scalar(summary, "epoch/train_loss", m.trainLoss());
        scalar(summary, "epoch/train_accuracy", m.trainAccuracy());
        scalar(summary, "epoch/seconds", m.seconds());
        scalar(summary, "epoch/drop_path", m.dropPathProbability());
        scalar(summary, m.heldOut() + "/accuracy", m.heldOutAccuracy());
        scalar(summary, m.heldOut() + "/loss", m.heldOutLoss());
        if (!Double.isNaN(m.heldOutTop5())) {
            scalar(summary, m.heldOut() + "/top5_accuracy", m.heldOutTop5());
        }
        append(event(step, summary));
    }

    @Override
    public synchronized void flush() {
        writePending();
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the events file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel ignored = channel) {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the events file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Per edge a histogram of p_alpha over the op index, per cell a heat map of all its edges. */
    private static void alpha(Summary.Builder summary, CellPair<EdgeOpMatrix> probabilities) {
        for (CellKind kind : CellKind.values()) {
            EdgeOpMatrix p = probabilities.get(kind);
            for (int edge = 0; edge < CellTopology.EDGES; edge++) {
                summary.addValue(Summary.Value.newBuilder()
                        .setTag(String.format("alpha_%s/%02d %s", kind.id(), edge, CellTopology.edgeName(edge)))
                        .setHisto(opHistogram(p.row(edge))));
            }
        }
        for (CellKind kind : CellKind.values()) {
            AlphaHeatMap picture = AlphaHeatMap.of(probabilities.get(kind), kind.id() + " cell: p_alpha per edge");
            summary.addValue(Summary.Value.newBuilder().setTag("alpha/" + kind.id())
                    .setImage(Summary.Image.newBuilder().setWidth(picture.width()).setHeight(picture.height()).setColorspace(3)
                            .setEncodedImageString(ByteString.copyFrom(picture.png()))));
        }
    }

    /** Op k's probability as the weight of the bucket (k - 0.5, k + 0.5]: the histogram's x axis is the op index. */
    static HistogramProto opHistogram(double[] probabilities) {
        HistogramProto.Builder histogram = HistogramProto.newBuilder().setMin(0).setMax(Operation.COUNT - 1);
        double sum = 0;
        double sumSquares = 0;
        double num = 0;
        for (int op = 0; op < probabilities.length; op++) {
            histogram.addBucketLimit(op + 0.5).addBucket(probabilities[op]);
            num += probabilities[op];
            sum += op * probabilities[op];
            sumSquares += (double) op * op * probabilities[op];
        }
        return histogram.setNum(num).setSum(sum).setSumSquares(sumSquares).build();
    }

    private static void scalar(Summary.Builder summary, String tag, double value) {
        summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value));
    }

    private static Event event(long step, Summary.Builder summary) {
        return Event.newBuilder().setWallTime(wallTime()).setStep(step).setSummary(summary).build();
    }

    private static double wallTime() {
        return System.currentTimeMillis() / 1000.0;
    }

    private void append(Event event) {
        if (closed) {
            throw new IllegalStateException("the events file " + file + " is closed");
        }
        pending.writeBytes(TfRecords.frame(event.toByteArray()));
    }

    private void writePending() {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the events file " + file + ": " + e.getMessage(), e);
        }
        pending.reset();
        lastWrite = System.nanoTime();
    }
}
