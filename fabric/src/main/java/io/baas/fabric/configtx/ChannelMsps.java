package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.policy.SignerIdentity;
import io.baas.pki.CertificateChainException;
import io.baas.pki.ChainVerifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * The verifying MSPs a channel config carries (every organization of the orderer and application
 * groups), deciding which identities the channel knows, as Fabric's MSP manager does. Shared by
 * the sandbox's orderer and peer and the signature checks of config updates; a peer's local MSP is the same check over its own organization.
 */
public final class ChannelMsps {

    private record Msp(List<X509Certificate> roots, List<X509Certificate> intermediates, boolean nodeOus) {
    }

    /**
     * Verdicts of {@link #isValid} by serialized identity. A verdict depends only on the identity's
     * bytes and this object's MSPs (the chain is checked at the certificate's own notBefore, not
     * now), and a new config is a new object, so a verdict never goes stale. The same few creators
     * and endorsers sign every transaction; checking a chain costs several signature verifies.
     * At most {@value #VERDICT_LIMIT} are kept; more empty the map.
     */
    static final int VERDICT_LIMIT = 4096;

    private final Map<String, Msp> byId;
    private final ConcurrentHashMap<ByteString, Boolean> verdicts = new ConcurrentHashMap<>();
    private final LongAdder chainChecks = new LongAdder();

    private ChannelMsps(Map<String, Msp> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static ChannelMsps of(ConfigGroup channel) {
        Map<String, Msp> msps = new HashMap<>();
        collect(channel, msps);
        return new ChannelMsps(msps);
    }

    /** A node's local MSP: only its own organization, as peers check channel-less proposals. */
    public static ChannelMsps local(MspDescription msp) {
        List<X509Certificate> roots = msp.rootCerts().stream().map(pem -> FabricIdentity.parseCertificate(pem.toByteArray())).toList();
        List<X509Certificate> intermediates = msp.intermediateCerts().stream()
                .map(pem -> FabricIdentity.parseCertificate(pem.toByteArray())).toList();
        return new ChannelMsps(Map.of(msp.mspId(), new Msp(roots, intermediates, msp.nodeOus().isPresent())));
    }

    public boolean knows(String mspId) {
        return byId.containsKey(mspId);
    }

    private static void collect(ConfigGroup group, Map<String, Msp> msps) {
        ConfigValue value = group.getValuesMap().get("MSP");
        if (value != null) {
            FabricMSPConfig config = fabricConfig(value.getValue());
            msps.put(config.getName(), new Msp(certificates(config.getRootCertsList()),
                    certificates(config.getIntermediateCertsList()),
                    config.hasFabricNodeOus() && config.getFabricNodeOus().getEnable()));
        }
        group.getGroupsMap().values().forEach(child -> collect(child, msps));
    }

    /**
     * Known MSP, a chain to its roots, and a NodeOU role when the MSP classifies identities.
     * Like Fabric's MSP, the chain is checked just after the certificate's notBefore: expiry is the
     * business of the broadcast and deliver expiration checks, not of the MSP.
     */
    public boolean isValid(FabricIdentity identity) {
        Boolean known = verdicts.get(identity.serialized());
        if (known != null) {
            return known;
        }
        boolean verdict = check(identity);
        if (verdicts.size() >= VERDICT_LIMIT) {
            verdicts.clear();
        }
        verdicts.put(identity.serialized(), verdict);
        return verdict;
    }

    /** How many identities were checked rather than answered from the verdicts (for tests). */
    long chainChecks() {
        return chainChecks.sum();
    }

    int rememberedVerdicts() {
        return verdicts.size();
    }

    private boolean check(FabricIdentity identity) {
        chainChecks.increment();
        Msp msp = byId.get(identity.mspId());
        if (msp == null) {
            return false;
        }
        if (msp.nodeOus() && identity.role().isEmpty()) {
            return false;
        }
        X509Certificate certificate = identity.certificate();
        Clock atIssue = Clock.fixed(certificate.getNotBefore().toInstant().plus(Duration.ofSeconds(1)), ZoneOffset.UTC);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(msp.intermediates());
        try {
            new ChainVerifier(atIssue).verify(chain, msp.roots());
            return true;
        } catch (CertificateChainException e) {
            return false;
        }
    }

    /** The signers policies may count: known to the channel and with a verifying signature, each once. */
    public List<SignerIdentity> verifiedSigners(List<SignedData> signatures) {
        return SignerIdentity.verified(signatures.stream().filter(signature -> isValid(signature.signer())).toList());
    }

    private static FabricMSPConfig fabricConfig(ByteString mspValue) {
        try {
            MSPConfig msp = MSPConfig.parseFrom(mspValue);
            if (msp.getType() != 0) {
                throw new ChannelConfigException("only X.509 MSPs are supported, not type " + msp.getType());
            }
            return FabricMSPConfig.parseFrom(msp.getConfig());
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("cannot decode an MSP of the channel config: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(List<ByteString> pems) {
        return pems.stream().map(pem -> FabricIdentity.parseCertificate(pem.toByteArray())).toList();
    }
}
