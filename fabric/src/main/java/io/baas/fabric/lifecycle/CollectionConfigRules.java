package io.baas.fabric.lifecycle;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * The checks Fabric 2.5's {@code _lifecycle} applies to a definition's private data collections
 * when an organization approves it and when it is committed (validateCollectionConfigs and
 * validateCollConfigsAgainstCommittedDef), in their order and with their messages: the name,
 * duplicates, the peer counts, the member policy (a signature policy, an OR of members, every
 * organization in the channel), then against the committed definition (no collection dropped, no
 * blockToLive changed). A peer prefixes the message with "error validating chaincode definition: ".
 */
public final class CollectionConfigRules {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$");

    private CollectionConfigRules() {
    }

    /**
     * @param proposed  the definition's collections
     * @param knownMsp  whether an MSP ID is one of the channel's
     * @param committed the committed definition's collections, when the chaincode is defined
     * @throws LifecycleMessageException with Fabric's words for the first rule broken
     */
    public static void validate(Optional<CollectionConfigPackage> proposed, Predicate<String> knownMsp,
                                Optional<CollectionConfigPackage> committed) {
        List<StaticCollectionConfig> collections = statics(proposed.orElse(CollectionConfigPackage.getDefaultInstance()));
        Set<String> names = new HashSet<>();
        for (StaticCollectionConfig collection : collections) {
            String name = collection.getName();
            if (!NAME.matcher(name).matches()) {
                throw new LifecycleMessageException("invalid collection name '" + name
                        + "'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'");
            }
            if (!names.add(name)) {
                throw new LifecycleMessageException("collection-name: " + name + " -- found duplicate in collection configuration");
            }
            if (collection.getMaximumPeerCount() < collection.getRequiredPeerCount()) {
                throw new LifecycleMessageException("collection-name: " + name + " -- maximum peer count (" + collection.getMaximumPeerCount()
                        + ") cannot be less than the required peer count (" + collection.getRequiredPeerCount() + ")");
            }
            if (collection.getRequiredPeerCount() < 0) {
                throw new LifecycleMessageException("collection-name: " + name + " -- requiredPeerCount (" + collection.getRequiredPeerCount()
                        + ") cannot be less than zero");
            }
            memberPolicy(collection, knownMsp);
        }
        committed.ifPresent(existing -> againstCommitted(collections, statics(existing)));
    }

    private static void memberPolicy(StaticCollectionConfig collection, Predicate<String> knownMsp) {
        String name = collection.getName();
        if (!collection.hasMemberOrgsPolicy()) {
            throw new LifecycleMessageException("collection member policy is not set for collection '" + name + "'");
        }
        if (!collection.getMemberOrgsPolicy().hasSignaturePolicy()) {
            throw new LifecycleMessageException("collection member org policy is empty for collection '" + name + "'");
        }
        SignaturePolicyEnvelope policy = collection.getMemberOrgsPolicy().getSignaturePolicy();
        String outOfRange = indexOutOfRange(policy.getRule(), policy.getIdentitiesCount());
        if (outOfRange != null) {
            throw new LifecycleMessageException("invalid member org policy for collection '" + name + "': " + outOfRange);
        }
        String notOr = notOrConcatenation(policy.getRule());
        if (notOr != null) {
            throw new LifecycleMessageException("collection-name: " + name + " -- error in member org policy: " + notOr);
        }
        for (MSPPrincipal principal : policy.getIdentitiesList()) {
            try {
                switch (principal.getPrincipalClassification()) {
                    case ROLE -> requireMember(name, MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier(), knownMsp);
                    case ORGANIZATION_UNIT -> requireMember(name, OrganizationUnit.parseFrom(principal.getPrincipal()).getMspIdentifier(), knownMsp);
                    case IDENTITY -> {
                        if (!knownMsp.test(SerializedIdentity.parseFrom(principal.getPrincipal()).getMspid())) {
                            throw new LifecycleMessageException("collection-name: " + name + " -- contains an identity that is not part of the channel");
                        }
                    }
                    default -> throw new LifecycleMessageException("collection-name: " + name + " -- principal type "
                            + principal.getPrincipalClassification() + " is not supported");
                }
            } catch (InvalidProtocolBufferException e) {
                throw new LifecycleMessageException("collection-name: " + name + " -- cannot unmarshal identity bytes");
            }
        }
    }

    private static void requireMember(String collection, String mspId, Predicate<String> knownMsp) {
        if (!knownMsp.test(mspId)) {
            throw new LifecycleMessageException("collection-name: " + collection + " -- collection member '" + mspId
                    + "' is not part of the channel");
        }
    }

    /** cauthdsl's compile check: every SignedBy names one of the envelope's identities. */
    private static String indexOutOfRange(SignaturePolicy rule, int identities) {
        if (rule.hasSignedBy() && (rule.getSignedBy() < 0 || rule.getSignedBy() >= identities)) {
            return "identity index out of range, requested " + rule.getSignedBy() + ", but identities length is " + identities;
        }
        for (SignaturePolicy nested : rule.getNOutOf().getRulesList()) {
            String found = indexOutOfRange(nested, identities);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** validateSpOrConcat: every NOutOf is a 1-out-of (members are alternatives, never required together). */
    private static String notOrConcatenation(SignaturePolicy rule) {
        if (!rule.hasNOutOf()) {
            return null;
        }
        if (rule.getNOutOf().getN() != 1) {
            return "signature policy is not an OR concatenation, NOutOf " + rule.getNOutOf().getN();
        }
        for (SignaturePolicy nested : rule.getNOutOf().getRulesList()) {
            String found = notOrConcatenation(nested);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void againstCommitted(List<StaticCollectionConfig> proposed, List<StaticCollectionConfig> committed) {
        if (committed.isEmpty()) {
            return;
        }
        if (proposed.isEmpty()) {
            throw new LifecycleMessageException("the proposed collection config does not contain previously defined collections");
        }
        Map<String, StaticCollectionConfig> byName = new HashMap<>();
        proposed.forEach(c -> byName.put(c.getName(), c));
        for (StaticCollectionConfig existing : committed) {
            StaticCollectionConfig next = byName.get(existing.getName());
            if (next == null) {
                throw new LifecycleMessageException("existing collection [" + existing.getName() + "] missing in the proposed collection configuration");
            }
            if (next.getBlockToLive() != existing.getBlockToLive()) {
                throw new LifecycleMessageException("the BlockToLive in an existing collection [" + existing.getName()
                        + "] modified. Existing value [" + existing.getBlockToLive() + "]");
            }
        }
    }

    private static List<StaticCollectionConfig> statics(CollectionConfigPackage configs) {
        for (CollectionConfig config : configs.getConfigList()) {
            if (!config.hasStaticCollectionConfig()) {
                throw new LifecycleMessageException("collection config contains unexpected payload type");
            }
        }
        return configs.getConfigList().stream().map(CollectionConfig::getStaticCollectionConfig).toList();
    }
}
