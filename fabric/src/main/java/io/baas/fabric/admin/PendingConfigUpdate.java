package io.baas.fabric.admin;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ChannelConfigException;
import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.configtx.ConfigUpdateAuthorization;
import io.baas.fabric.configtx.ConfigUpdateCalculator;
import io.baas.fabric.configtx.ConfigUpdateEnvelopes;
import io.baas.fabric.identity.NodeRole;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.policy.SignerIdentity;
import io.baas.fabric.transaction.Nonces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * A config update collecting its signatures: the update computed from the channel's config, the
 * ConfigSignatures gathered so far, and the config it applies to (whose mod policies decide who
 * must sign). Organizations whose admins the platform holds sign in place; others take
 * {@link #updateBytes()} away (as {@code peer channel signconfigtx} would) and bring back a
 * signature, which is verified before it counts. A plain value: {@link #snapshot()} keeps it.
 */
public final class PendingConfigUpdate {

    /** What a record of it holds: the channel, the config it was computed on, the update envelope with its signatures. */
    public record Snapshot(String channelId, ByteString config, ByteString envelope) {
    }

    private final String channelId;
    private final Config current;
    private final ConfigUpdateEnvelope envelope;

    private PendingConfigUpdate(String channelId, Config current, ConfigUpdateEnvelope envelope) {
        this.channelId = channelId;
        this.current = current;
        this.envelope = envelope;
    }

    /**
     * The update from the channel's current config to the desired one (no signatures yet), or empty
     * when the desired config is the current one.
     */
    public static Optional<PendingConfigUpdate> compute(String channelId, Config current, Config desired) {
        return ConfigUpdateCalculator.difference(channelId, current, desired).map(update -> {
            ConfigUpdateAuthorization.requiredPolicies(current, update);
            return new PendingConfigUpdate(channelId, current, ConfigUpdateEnvelopes.unsigned(update));
        });
    }

    public static PendingConfigUpdate of(Snapshot snapshot) {
        try {
            return new PendingConfigUpdate(snapshot.channelId(), Config.parseFrom(snapshot.config()),
                    ConfigUpdateEnvelope.parseFrom(snapshot.envelope()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ChannelConfigException("a pending config update record does not decode: " + e.getMessage(), e);
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(channelId, current.toByteString(), envelope.toByteString());
    }

    public String channelId() {
        return channelId;
    }

    /** The exact bytes every signature covers (after its signature header). */
    public ByteString updateBytes() {
        return envelope.getConfigUpdate();
    }

    /** The policies the update must satisfy, e.g. /Channel/Application/Admins. */
    public List<String> requiredPolicies() {
        return ConfigUpdateAuthorization.requiredPolicies(current, ConfigUpdateEnvelopes.decode(envelope));
    }

    /** What the update changes, and whether that stays inside one organization's own group. */
    public io.baas.fabric.configtx.ConfigUpdateScope scope() {
        return io.baas.fabric.configtx.ConfigUpdateScope.of(current, ConfigUpdateEnvelopes.decode(envelope));
    }

    /** The signatures gathered so far, as the update envelope carries them. */
    public List<ConfigSignature> signatures() {
        return envelope.getSignaturesList();
    }

    /** The config the update was computed on (its sequence is the one the channel must still be at). */
    public Config current() {
        return current;
    }

    /** The config the channel has once the orderer applied this update (its sequence not yet moved on). */
    public Config applied() {
        return io.baas.fabric.configtx.ConfigUpdateApplier.apply(current, ConfigUpdateEnvelopes.decode(envelope));
    }

    /**
     * The MSP IDs whose admins' signatures count towards the required policies: the organizations
     * in the group of each policy (all application organizations for {@code /Channel/Application/Admins},
     * one for {@code /Channel/Application/Org1MSP/Admins}).
     */
    public Set<String> eligibleSigners() {
        Set<String> eligible = new TreeSet<>();
        for (String path : requiredPolicies()) {
            List<String> names = List.of(path.substring(1).split("/"));
            ConfigGroup group = current.getChannelGroup();
            for (String name : names.subList(1, names.size() - 1)) {
                group = group.getGroupsOrThrow(name);
            }
            collectMspIds(group, eligible);
        }
        return eligible;
    }

    /**
     * Whether the required policies would be met if, besides those who signed, the admins of
     * {@code mspIds} signed: false means the update can no longer pass (too many refused).
     */
    public boolean satisfiableWith(Set<String> mspIds) {
        List<SignerIdentity> signers = new ArrayList<>(ChannelMsps.of(current.getChannelGroup()).verifiedSigners(ConfigUpdateEnvelopes.signatures(envelope)));
        for (String mspId : mspIds) {
            signers.add(new SignerIdentity(ByteString.copyFromUtf8("would-sign:" + mspId), mspId, Optional.of(NodeRole.ADMIN)));
        }
        var policies = new io.baas.fabric.policy.ChannelPolicies(current);
        return requiredPolicies().stream().allMatch(path -> policies.policy(path).evaluate(signers));
    }

    private static void collectMspIds(ConfigGroup group, Set<String> into) {
        ConfigValue msp = group.getValuesMap().get("MSP");
        if (msp != null) {
            try {
                into.add(FabricMSPConfig.parseFrom(MSPConfig.parseFrom(msp.getValue()).getConfig()).getName());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new ChannelConfigException("an MSP value of the channel config does not decode: " + e.getMessage(), e);
            }
        }
        group.getGroupsMap().values().forEach(child -> collectMspIds(child, into));
    }

    /** Signed here by an admin whose key the platform holds. */
    public PendingConfigUpdate signedBy(Signer admin) {
        return new PendingConfigUpdate(channelId, current, ConfigUpdateEnvelopes.sign(envelope, admin, Nonces.random()));
    }

    /**
     * A signature made elsewhere over {@link #updateBytes()}: it counts only when it verifies and its
     * signer is a valid identity of one of the channel's organizations.
     */
    public PendingConfigUpdate withImportedSignature(ConfigSignature signature) {
        ConfigUpdateEnvelope withIt = envelope.toBuilder().addSignatures(signature).build();
        List<SignedData> all = ConfigUpdateEnvelopes.signatures(withIt);
        SignedData imported = all.get(all.size() - 1);
        if (!imported.verify()) {
            throw new ChannelConfigException("the imported signature of " + imported.signer().mspId()
                    + " does not verify over this update");
        }
        if (!ChannelMsps.of(current.getChannelGroup()).isValid(imported.signer())) {
            throw new ChannelConfigException("the imported signature's signer is not a valid identity of "
                    + imported.signer().mspId() + " in channel " + channelId);
        }
        return new PendingConfigUpdate(channelId, current, withIt);
    }

    /**
     * Whether a signature (already verified with {@link #withImportedSignature}) is one its
     * organization's admins made: it satisfies the Admins policy of the channel group of its MSP.
     * A member's or a peer's signature verifies too, but counts towards no mod policy.
     */
    public boolean isAdminSignature(ConfigSignature signature) {
        List<SignerIdentity> signer = ChannelMsps.of(current.getChannelGroup()).verifiedSigners(ConfigUpdateEnvelopes.signatures(
                envelope.toBuilder().clearSignatures().addSignatures(signature).build()));
        if (signer.isEmpty()) {
            return false;
        }
        var policies = new io.baas.fabric.policy.ChannelPolicies(current);
        for (String section : List.of("Application", "Orderer")) {
            ConfigGroup group = current.getChannelGroup().getGroupsMap().get(section);
            if (group == null) {
                continue;
            }
            for (var organization : group.getGroupsMap().entrySet()) {
                Set<String> mspIds = new TreeSet<>();
                collectMspIds(organization.getValue(), mspIds);
                if (mspIds.contains(signer.get(0).mspId()) && organization.getValue().getPoliciesMap().containsKey("Admins")
                        && policies.policy("/Channel/" + section + "/" + organization.getKey() + "/Admins").evaluate(signer)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The required policies its signatures do not satisfy yet; empty when it can be submitted. */
    public List<String> missingPolicies() {
        ConfigUpdate update = ConfigUpdateEnvelopes.decode(envelope);
        List<SignerIdentity> signers = ChannelMsps.of(current.getChannelGroup()).verifiedSigners(ConfigUpdateEnvelopes.signatures(envelope));
        List<String> missing = new ArrayList<>();
        var policies = new io.baas.fabric.policy.ChannelPolicies(current);
        for (String path : ConfigUpdateAuthorization.requiredPolicies(current, update)) {
            if (!policies.policy(path).evaluate(signers)) {
                missing.add(path);
            }
        }
        return missing;
    }

    /** The CONFIG_UPDATE transaction, signed by the submitter; refused while a policy lacks signatures. */
    public Envelope submission(Signer submitter, Instant now) {
        List<String> missing = missingPolicies();
        if (!missing.isEmpty()) {
            throw new MissingSignaturesException(missing);
        }
        return ConfigUpdateEnvelopes.submit(channelId, envelope, submitter, now, Nonces.random());
    }
}
