package io.baas.fabric.configtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The readable summary of the real test network's channel config after both anchor peer updates (block 2). */
class ConfigSummaryTest {

    @Test
    void readsTheRealChannelConfigAsPeopleWriteIt() {
        ConfigSummary summary = ConfigSummary.of(FixtureChannel.config(2));

        assertThat(summary.sequence()).isEqualTo(2);
        assertThat(summary.organizations()).containsExactly(
                new ConfigSummary.OrganizationSummary("Application", "Org1MSP", List.of("127.0.0.1:7051"), List.of()),
                new ConfigSummary.OrganizationSummary("Application", "Org2MSP", List.of("127.0.0.1:9051"), List.of()),
                new ConfigSummary.OrganizationSummary("Orderer", "OrdererMSP", List.of(), List.of("127.0.0.1:7050")));
        assertThat(summary.consensusType()).isEqualTo("etcdraft");
        assertThat(summary.consenters()).containsExactly("127.0.0.1:7050");
        assertThat(summary.batch()).isEqualTo(new ConfigSummary.Batch("2s", 10, 103809024, 524288));
        assertThat(summary.policies())
                .containsEntry("Application/Endorsement", "MAJORITY Endorsement")
                .containsEntry("Application/Org1MSP/Admins", "OR('Org1MSP.admin')")
                .containsEntry("Channel/Admins", "MAJORITY Admins")
                .containsKey("Orderer/BlockValidation");
        assertThat(summary.capabilities()).containsEntry("Channel", List.of("V2_0")).containsEntry("Orderer", List.of("V2_0"))
                .containsEntry("Application", List.of("V2_5"));
    }
}
