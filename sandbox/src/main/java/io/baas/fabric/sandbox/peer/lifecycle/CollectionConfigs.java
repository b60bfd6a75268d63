package io.baas.fabric.sandbox.peer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.policy.SignaturePolicies;
import io.baas.fabric.policy.SignaturePolicyEvaluator;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.ledger.VersionedValue;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

/**
 * The private data collections of a chaincode as Fabric's peer sees them: the committed
 * definition's collections, and an implicit collection {@code _implicit_org_<MSP ID>} per
 * organization (member policy: a member of that organization; the peer's own organization's
 * disseminated to at most one other peer, as core.yaml's default; no blockToLive; anyone may read and write).
 */
public final class CollectionConfigs {

    public static final String IMPLICIT_PREFIX = "_implicit_org_";
    /** core.yaml's peer.gossip.pvtData.implicitCollectionDisseminationPolicy. */
    private static final int IMPLICIT_REQUIRED_PEERS = 0;
    private static final int IMPLICIT_MAX_PEERS = 1;

    private CollectionConfigs() {
    }

    /**
     * Fabric's CollectionInfo: an implicit collection by its name (for any MSP ID), else the
     * definition's collection of that name; empty for neither.
     */
    public static Optional<StaticCollectionConfig> find(WorldState state, String namespace, String collection, String localMspId) {
        if (collection.startsWith(IMPLICIT_PREFIX)) {
            return Optional.of(implicit(collection.substring(IMPLICIT_PREFIX.length()), localMspId));
        }
        return explicit(state, namespace).stream().filter(c -> c.getName().equals(collection)).findFirst();
    }

    /** Fabric's AllCollectionsConfigPkg: the definition's collections, then the implicit ones of the channel's organizations. */
    public static List<StaticCollectionConfig> all(WorldState state, ChannelConfig config, String namespace, String localMspId) {
        List<StaticCollectionConfig> all = new ArrayList<>(explicit(state, namespace));
        config.applicationMspIds().forEach(mspId -> all.add(implicit(mspId, localMspId)));
        return all;
    }

    /** Whether the collection is one of {@link #all}: the check of Fabric's simulator (InvalidCollNameError). */
    public static boolean defined(WorldState state, ChannelConfig config, String namespace, String collection, String localMspId) {
        return all(state, config, namespace, localMspId).stream().anyMatch(c -> c.getName().equals(collection));
    }

    public static StaticCollectionConfig implicit(String mspId, String localMspId) {
        boolean own = mspId.equals(localMspId);
        return StaticCollectionConfig.newBuilder()
                .setName(IMPLICIT_PREFIX + mspId)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                        .setSignaturePolicy(SignaturePolicies.parse("OR('" + mspId + ".member')")))
                .setRequiredPeerCount(own ? IMPLICIT_REQUIRED_PEERS : 0)
                .setMaximumPeerCount(own ? IMPLICIT_MAX_PEERS : 0)
                .build();
    }

    /** The organizations the member policy names (its principals' MSP IDs), as Fabric's getMemberOrgs. */
    public static Set<String> memberOrgs(StaticCollectionConfig collection) {
        Set<String> orgs = new LinkedHashSet<>();
        for (MSPPrincipal principal : collection.getMemberOrgsPolicy().getSignaturePolicy().getIdentitiesList()) {
            try {
                switch (principal.getPrincipalClassification()) {
                    case ROLE -> orgs.add(MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier());
                    case IDENTITY -> orgs.add(SerializedIdentity.parseFrom(principal.getPrincipal()).getMspid());
                    case ORGANIZATION_UNIT -> orgs.add(OrganizationUnit.parseFrom(principal.getPrincipal()).getMspIdentifier());
                    default -> { }
                }
            } catch (InvalidProtocolBufferException e) {
                // Fabric leaves out principals it cannot read.
            }
        }
        return orgs;
    }

    /** Fabric's collection access filter: the signed data satisfies the member policy. */
    public static boolean isMember(StaticCollectionConfig collection, ChannelConfig config, SignedData signed) {
        return SignaturePolicyEvaluator.compile(collection.getMemberOrgsPolicy().getSignaturePolicy())
                .evaluate(config.msps().verifiedSigners(List.of(signed)));
    }

    private static List<StaticCollectionConfig> explicit(WorldState state, String namespace) {
        Optional<ByteString> stored = state.get(CommittedDefinitions.NAMESPACE, CommittedDefinitions.fieldKey(namespace, "Collections"))
                .map(VersionedValue::value);
        if (stored.isEmpty()) {
            return List.of();
        }
        CollectionConfigPackage configs = CommittedDefinitions.parse(
                CommittedDefinitions.parse(stored.get(), StateData.parser()).getBytes(), CollectionConfigPackage.parser());
        return configs.getConfigList().stream().filter(CollectionConfig::hasStaticCollectionConfig)
                .map(CollectionConfig::getStaticCollectionConfig).toList();
    }
}
