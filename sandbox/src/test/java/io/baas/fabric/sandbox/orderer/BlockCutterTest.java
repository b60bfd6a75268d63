package io.baas.fabric.sandbox.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.BatchSize;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;
import org.junit.jupiter.api.Test;

/** The block cutter's rules, message by message. */
class BlockCutterTest {

    private static final BatchSize SIZE = new BatchSize(3, 1000, 100);

    private static Envelope message(int bytes) {
        return Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[bytes - 2])).setSignature(ByteString.copyFrom(new byte[2])).build();
    }

    @Test
    void cutsWhenTheBatchReachesMaxMessageCount() {
        BlockCutter cutter = new BlockCutter();

        assertThat(cutter.ordered(message(10), SIZE)).isEqualTo(new BlockCutter.Ordered(List.of(), true));
        assertThat(cutter.ordered(message(10), SIZE).pending()).isTrue();
        BlockCutter.Ordered third = cutter.ordered(message(10), SIZE);

        assertThat(third.batches()).hasSize(1).first().asList().hasSize(3);
        assertThat(third.pending()).isFalse();
        assertThat(cutter.hasPending()).isFalse();
    }

    @Test
    void cutsThePendingBatchBeforeAMessageThatWouldOverflowPreferredMaxBytes() {
        BlockCutter cutter = new BlockCutter();
        cutter.ordered(message(60), SIZE);

        BlockCutter.Ordered ordered = cutter.ordered(message(60), SIZE);

        assertThat(ordered.batches()).hasSize(1).first().asList().hasSize(1);
        assertThat(ordered.pending()).isTrue();
        assertThat(cutter.cut()).hasSize(1);
    }

    @Test
    void aMessageLargerThanPreferredMaxBytesGoesAloneAfterThePendingBatch() {
        BlockCutter cutter = new BlockCutter();
        cutter.ordered(message(10), SIZE);

        BlockCutter.Ordered ordered = cutter.ordered(message(101), SIZE);

        assertThat(ordered.batches()).hasSize(2);
        assertThat(ordered.batches().get(1)).hasSize(1);
        assertThat(ordered.pending()).isFalse();
    }
}
