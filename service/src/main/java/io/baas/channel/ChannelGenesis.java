package io.baas.channel;

import com.google.protobuf.ByteString;
import io.baas.crd.Channel;
import io.baas.fabric.configtx.ApplicationOrganization;
import io.baas.fabric.configtx.ApplicationSection;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.ChannelPolicyOverrides;
import io.baas.fabric.configtx.Consenter;
import io.baas.fabric.configtx.GoDurations;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.configtx.NodeOus;
import io.baas.fabric.configtx.OrdererOrganization;
import io.baas.fabric.configtx.OrdererSection;
import io.baas.pki.Pem;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Channel resource as configtxgen would profile it: its application organizations (MSPs from
 * their CA certificates, anchor peers), the ordering organizations with their orderer endpoints,
 * the consenters with their TLS certificates, and the batch settings. Pure: the callers gather the
 * organizations and orderers.
 */
public final class ChannelGenesis {

    private ChannelGenesis() {
    }

    /** An organization's MSP as the channel config holds it: its signing and TLS CA certificates. */
    public record Member(String mspId, String caCertificatePem, String tlsCaCertificatePem, List<HostPort> anchorPeers) {
    }

    /**
     * One orderer of the channel.
     *
     * @param client where peers and clients broadcast and deliver
     * @param cluster where the other consenters reach it (Raft)
     */
    public record Orderer(String mspId, HostPort client, HostPort cluster, X509Certificate tlsCertificate) {
    }

    public static ChannelDescription describe(Channel channel, List<Member> applicationMembers, List<Member> ordererMembers,
                                              List<Orderer> orderers) {
        if (orderers.isEmpty()) {
            throw new IllegalArgumentException("a channel needs at least one orderer");
        }
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        List<Consenter> consenters = new ArrayList<>();
        for (Orderer orderer : orderers) {
            endpoints.computeIfAbsent(orderer.mspId(), k -> new ArrayList<>()).add(orderer.client().host() + ":" + orderer.client().port());
            ByteString tls = ByteString.copyFromUtf8(Pem.encode(orderer.tlsCertificate()));
            consenters.add(new Consenter(orderer.cluster(), tls, tls));
        }
        List<OrdererOrganization> ordererOrganizations = new ArrayList<>();
        for (Member member : ordererMembers) {
            ordererOrganizations.add(OrdererOrganization.of(member.mspId(), msp(member), endpoints.getOrDefault(member.mspId(), List.of())));
        }
        OrdererSection orderer = OrdererSection.of(ordererOrganizations, consenters);
        Channel.Batch batch = channel.getSpec().batch;
        if (batch != null) {
            orderer = orderer.withBatchSize(new BatchSize(batch.maxMessageCount, Math.toIntExact(batch.absoluteMaxBytes),
                            Math.toIntExact(batch.preferredMaxBytes)))
                    .withBatchTimeout(GoDurations.parse(batch.timeout));
        }
        List<ApplicationOrganization> application = new ArrayList<>();
        for (Member member : applicationMembers) {
            application.add(ApplicationOrganization.of(msp(member)).withAnchorPeers(member.anchorPeers()));
        }
        ApplicationSection applicationSection = ApplicationSection.of(application);
        ChannelDescription description = ChannelDescription.of(channel.getSpec().channelId, orderer, applicationSection);
        Channel.Capabilities capabilities = channel.getSpec().capabilities;
        if (capabilities != null) {
            description = description.withCapabilities(Set.of(capabilities.channel))
                    .withOrderer(orderer.withCapabilities(Set.of(capabilities.orderer)))
                    .withApplication(applicationSection.withCapabilities(Set.of(capabilities.application)));
        }
        return ChannelPolicyOverrides.apply(description, channel.getSpec().policies);
    }

    /**
     * Chains come issuing CA first: the last is the root, the others are intermediates, and the
     * NodeOUs name the issuing CA, as fabric-ca's MSP folders do.
     */
    public static MspDescription msp(Member member) {
        List<ByteString> signing = chain(member.caCertificatePem());
        List<ByteString> tls = chain(member.tlsCaCertificatePem());
        return new MspDescription(member.mspId(), List.of(signing.get(signing.size() - 1)), signing.subList(0, signing.size() - 1),
                List.of(), List.of(tls.get(tls.size() - 1)), tls.subList(0, tls.size() - 1), List.of(),
                Optional.of(NodeOus.standard(signing.get(0))));
    }

    private static List<ByteString> chain(String pemChain) {
        List<X509Certificate> chain = Pem.certificates(pemChain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + pemChain.length() + " characters of PEM");
        }
        return chain.stream().map(c -> ByteString.copyFromUtf8(Pem.encode(c))).toList();
    }
}
