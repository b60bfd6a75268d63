package io.baas.k8s.build;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.crd.BaasResource;
import io.baas.fabric.Sha256;
import io.baas.k8s.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The ConfigMap that keeps a channel's genesis block, one per channel ID in a namespace. It belongs
 * to the channel ID, not to the Channel resource: deleting and re-creating the resource must find the
 * block the orderers already serve, never mint a second block 0 for the same ID.
 */
public final class ChannelGenesisConfigMap {

    public static final String BLOCK_KEY = "genesis.block";
    public static final String CHANNEL_ID_ANNOTATION = "baas.io/channel-id";

    private ChannelGenesisConfigMap() {
    }

    /** {@code <channelId>-genesis}, or a digest of the ID when that is no valid object name. */
    public static String name(String channelId) {
        String readable = channelId + "-genesis";
        if (Names.isDnsSubdomain(readable)) {
            return readable;
        }
        return "genesis-" + HexFormat.of().formatHex(Sha256.newDigest().digest(channelId.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 40);
    }

    public static ConfigMap build(String namespace, String consortium, String channelId, Block genesis) {
        return new ConfigMapBuilder().withNewMetadata().withName(name(channelId)).withNamespace(namespace)
                .withLabels(Map.of(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER, BaasResource.CONSORTIUM_LABEL, consortium))
                .withAnnotations(Map.of(CHANNEL_ID_ANNOTATION, channelId))
                .endMetadata()
                .addToBinaryData(BLOCK_KEY, Base64.getEncoder().encodeToString(genesis.toByteArray()))
                .build();
    }

    /** Whether the ConfigMap is this service's record of that channel ID's genesis block. */
    public static boolean keeps(ConfigMap configMap, String channelId) {
        Map<String, String> labels = configMap.getMetadata().getLabels();
        Map<String, String> annotations = configMap.getMetadata().getAnnotations();
        return labels != null && ConsortiumNamespaces.MANAGER.equals(labels.get(ConsortiumNamespaces.MANAGED_BY))
                && annotations != null && channelId.equals(annotations.get(CHANNEL_ID_ANNOTATION));
    }

    /** The block it holds; empty when it holds none or something else. */
    public static Optional<Block> block(ConfigMap configMap) {
        if (configMap.getBinaryData() == null || !configMap.getBinaryData().containsKey(BLOCK_KEY)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Block.parseFrom(Base64.getDecoder().decode(configMap.getBinaryData().get(BLOCK_KEY))));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
