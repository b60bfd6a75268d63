package io.baas.fabric.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.FabricDataException;
import io.baas.fabric.policy.SignaturePolicies;
import java.util.List;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * A {@code collections_config.json} as Fabric's peer CLI reads it ({@code --collections-config}):
 * a JSON array of collections with {@code name}, {@code policy}, {@code requiredPeerCount} (0 when
 * left out), {@code maxPeerCount} (1 when left out), {@code blockToLive}, {@code memberOnlyRead},
 * {@code memberOnlyWrite} and an optional {@code endorsementPolicy} ({@code signaturePolicy} or
 * {@code channelConfigPolicy}); other fields are ignored, as Go's JSON decoder ignores them. The
 * rules _lifecycle applies come afterwards ({@link CollectionConfigRules}).
 */
public final class CollectionsConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One entry of the file, with the peer CLI's field names. */
    public record Collection(String name, String policy, Integer requiredPeerCount, Integer maxPeerCount, Long blockToLive,
                             Boolean memberOnlyRead, Boolean memberOnlyWrite, EndorsementPolicy endorsementPolicy) {
    }

    /** A collection's own endorsement policy: at most one of the two. */
    public record EndorsementPolicy(String signaturePolicy, String channelConfigPolicy) {
    }

    private CollectionsConfigJson() {
    }

    /** @throws LifecycleMessageException with the peer CLI's words for a file it would refuse */
    public static CollectionConfigPackage parse(byte[] json) {
        List<Collection> collections;
        try {
            collections = JSON.readValue(json, JSON.getTypeFactory().constructCollectionType(List.class, Collection.class));
        } catch (JsonProcessingException e) {
            throw new LifecycleMessageException("could not parse the collection configuration: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new LifecycleMessageException("could not parse the collection configuration: " + e.getMessage());
        }
        CollectionConfigPackage.Builder configs = CollectionConfigPackage.newBuilder();
        for (Collection collection : collections == null ? List.<Collection>of() : collections) {
            StaticCollectionConfig.Builder config = StaticCollectionConfig.newBuilder()
                    .setName(collection.name() == null ? "" : collection.name())
                    .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(policy(collection.policy(), "invalid policy ")))
                    .setRequiredPeerCount(collection.requiredPeerCount() == null ? 0 : collection.requiredPeerCount())
                    .setMaximumPeerCount(collection.maxPeerCount() == null ? 1 : collection.maxPeerCount())
                    .setBlockToLive(collection.blockToLive() == null ? 0 : collection.blockToLive())
                    .setMemberOnlyRead(Boolean.TRUE.equals(collection.memberOnlyRead()))
                    .setMemberOnlyWrite(Boolean.TRUE.equals(collection.memberOnlyWrite()));
            EndorsementPolicy endorsement = collection.endorsementPolicy();
            if (endorsement != null) {
                boolean signature = endorsement.signaturePolicy() != null && !endorsement.signaturePolicy().isEmpty();
                boolean channel = endorsement.channelConfigPolicy() != null && !endorsement.channelConfigPolicy().isEmpty();
                if (signature && channel) {
                    throw new LifecycleMessageException("invalid endorsement policy of collection " + collection.name()
                            + ": cannot specify both \"--signature-policy\" and \"--channel-config-policy\"");
                }
                if (signature) {
                    config.setEndorsementPolicy(ApplicationPolicy.newBuilder()
                            .setSignaturePolicy(policy(endorsement.signaturePolicy(), "invalid signature policy: ")));
                } else if (channel) {
                    config.setEndorsementPolicy(ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(endorsement.channelConfigPolicy()));
                }
            }
            configs.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(config));
        }
        return configs.build();
    }

    private static SignaturePolicyEnvelope policy(String text, String refusal) {
        try {
            return SignaturePolicies.parse(text == null ? "" : text);
        } catch (FabricDataException | IllegalArgumentException e) {
            throw new LifecycleMessageException(refusal + text + ": " + e.getMessage());
        }
    }
}
