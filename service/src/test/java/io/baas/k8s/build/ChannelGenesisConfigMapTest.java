package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.k8s.Names;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;

class ChannelGenesisConfigMapTest {

    @Test
    void theNameFollowsTheChannelIdWhereItCanAndIsAlwaysAValidObjectName() {
        assertThat(ChannelGenesisConfigMap.name("trade-finance")).isEqualTo("trade-finance-genesis");
        // Fabric allows channel IDs that are no DNS subdomain: two dots in a row, 249 characters.
        String dots = ChannelGenesisConfigMap.name("trade..finance");
        String longest = ChannelGenesisConfigMap.name("a".repeat(249));
        assertThat(dots).startsWith("genesis-").satisfies(name -> assertThat(Names.isDnsSubdomain(name)).isTrue());
        assertThat(longest).startsWith("genesis-").satisfies(name -> assertThat(Names.isDnsSubdomain(name)).isTrue());
        assertThat(dots).isNotEqualTo(ChannelGenesisConfigMap.name("trade..finance2"));
    }

    @Test
    void itKeepsTheBlockForItsChannelIdOnlyAndBelongsToNoResource() {
        Block genesis = Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(0)).build();
        var configMap = ChannelGenesisConfigMap.build("trade-bank-a", "trade", "trade-finance", genesis);
        assertThat(configMap.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(ChannelGenesisConfigMap.keeps(configMap, "trade-finance")).isTrue();
        assertThat(ChannelGenesisConfigMap.keeps(configMap, "other")).isFalse();
        assertThat(ChannelGenesisConfigMap.block(configMap)).contains(genesis);
        configMap.getBinaryData().put(ChannelGenesisConfigMap.BLOCK_KEY, "not base64!");
        assertThat(ChannelGenesisConfigMap.block(configMap)).isEmpty();
    }
}
