package io.baas.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesWithLabelsEscapesAndTimestampsCommentsSkipped() {
        List<PrometheusText.Sample> samples = PrometheusText.samples("""
                # HELP ledger_blockchain_height Height of the chain in blocks.
                # TYPE ledger_blockchain_height gauge
                ledger_blockchain_height{channel="trade"} 12
                ledger_blockchain_height{channel="odd\\"name\\\\x"} 3 1733363000000
                endorser_proposals_received 41

                endorser_proposal_duration_bucket{channel="trade",chaincode="notes",success="true",le="+Inf"} 7
                broken{channel="x 1
                fabric_version{version="2.5.5"} 1
                """);
        assertThat(samples).containsExactly(
                new PrometheusText.Sample("ledger_blockchain_height", Map.of("channel", "trade"), 12),
                new PrometheusText.Sample("ledger_blockchain_height", Map.of("channel", "odd\"name\\x"), 3),
                new PrometheusText.Sample("endorser_proposals_received", Map.of(), 41),
                new PrometheusText.Sample("endorser_proposal_duration_bucket",
                        Map.of("channel", "trade", "chaincode", "notes", "success", "true", "le", "+Inf"), 7),
                new PrometheusText.Sample("fabric_version", Map.of("version", "2.5.5"), 1));
    }
}
