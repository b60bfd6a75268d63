package io.baas.fabric.sandbox;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ApplicationOrganization;
import io.baas.fabric.configtx.ApplicationSection;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.Consenter;
import io.baas.fabric.configtx.GenesisBlocks;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.configtx.OrdererOrganization;
import io.baas.fabric.configtx.OrdererSection;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Pem;
import io.baas.fabric.identity.Signer;
import io.baas.pki.CertificateAuthority;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.ValidityPolicy;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A whole test network's material made with the platform's PKI: an orderer organization (node and
 * admin) and two peer organizations (admins and users), the channel "mychannel" described with
 * configtxgen's defaults apart from the batch settings, and its genesis block.
 */
public final class SandboxNetwork {

    public static final String CHANNEL = "mychannel";
    /**
     * The orderer's clock, fixed at the moment the tests start: TLS handshakes judge certificates by
     * the real time, so the material is issued now. The CAs date from two years earlier, so expired
     * identities can exist.
     */
    public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant CA_TIME = NOW.minus(Duration.ofDays(730));

    public final OrganizationCas ordererCas = cas("OrdererMSP", "example.com");
    public final OrganizationCas org1Cas = cas("Org1MSP", "org1.example.com");
    public final OrganizationCas org2Cas = cas("Org2MSP", "org2.example.com");
    public final Identity ordererNode = issue(ordererCas, NOW,
            IdentityRequest.node(IdentityRole.ORDERER, "orderer0", List.of(), List.of("127.0.0.1", "localhost")));
    public final Identity ordererAdmin = issue(ordererCas, NOW, IdentityRequest.user(IdentityRole.ADMIN, "Admin@example.com"));
    public final Signer org1Admin = signer("Org1MSP", issue(org1Cas, NOW, IdentityRequest.user(IdentityRole.ADMIN, "Admin@org1.example.com")));
    /** With its key, for clients that take a private key (the fabric-gateway samples' way). */
    public final Identity org2AdminIdentity = issue(org2Cas, NOW, IdentityRequest.user(IdentityRole.ADMIN, "Admin@org2.example.com"));
    public final Signer org2Admin = signer("Org2MSP", org2AdminIdentity);
    public final Signer org1User = signer("Org1MSP", issue(org1Cas, NOW, IdentityRequest.user(IdentityRole.USER, "User1@org1.example.com")));
    public final Identity org1PeerNode = issue(org1Cas, NOW,
            IdentityRequest.node(IdentityRole.PEER, "peer0", List.of(), List.of("127.0.0.1", "localhost")));
    public final Identity org2PeerNode = issue(org2Cas, NOW,
            IdentityRequest.node(IdentityRole.PEER, "peer0", List.of(), List.of("127.0.0.1", "localhost")));
    public final Signer org1Peer = signer("Org1MSP", org1PeerNode);
    public final Signer org2Peer = signer("Org2MSP", org2PeerNode);
    /** Issued two years ago for one year. */
    public final Signer expiredOrg1User = signer("Org1MSP",
            issue(org1Cas, CA_TIME.plus(Duration.ofDays(1)), IdentityRequest.user(IdentityRole.USER, "Old@org1.example.com")));
    public final Signer ordererSigner = signer("OrdererMSP", ordererNode);

    public ChannelDescription channel(BatchSize batchSize, Duration batchTimeout) {
        ByteString nodeTls = pem(ordererNode.tls().certificate());
        OrdererSection orderer = OrdererSection.of(
                        List.of(OrdererOrganization.of("OrdererOrg", msp(ordererCas), List.of("127.0.0.1:7050"))),
                        List.of(new Consenter(new HostPort("127.0.0.1", 7050), nodeTls, nodeTls)))
                .withBatchSize(batchSize)
                .withBatchTimeout(batchTimeout);
        return ChannelDescription.of(CHANNEL, orderer, ApplicationSection.of(List.of(
                ApplicationOrganization.of(msp(org1Cas)), ApplicationOrganization.of(msp(org2Cas)))));
    }

    public Block genesis(ChannelDescription channel) {
        return GenesisBlocks.create(channel, CLOCK);
    }

    public OrdererSettings ordererSettings() {
        return OrdererSettings.loopback(ordererSigner, ordererNode.tls(), List.of(ordererCas.tlsCa().certificate()), CLOCK);
    }

    /**
     * A peer of Org1 or Org2: the channel config names the orderer at 127.0.0.1:7050, which the
     * address override maps to the port the test orderer really listens on.
     */
    public PeerSettings peerSettings(int org, int ordererPort, java.nio.file.Path chaincodeJars) {
        OrganizationCas cas = org == 1 ? org1Cas : org2Cas;
        Identity node = org == 1 ? org1PeerNode : org2PeerNode;
        return PeerSettings.loopback(org == 1 ? org1Peer : org2Peer, msp(cas), node.tls(),
                java.util.Map.of("127.0.0.1:7050", "127.0.0.1:" + ordererPort), chaincodeJars, CLOCK);
    }

    /** The channel config a genesis block carries, as a peer that joins with it holds it. */
    public static io.baas.fabric.sandbox.peer.channel.ChannelConfig configOf(Block genesis) {
        try {
            org.hyperledger.fabric.protos.common.Envelope envelope = org.hyperledger.fabric.protos.common.Envelope.parseFrom(genesis.getData().getData(0));
            return io.baas.fabric.sandbox.peer.channel.ChannelConfig.of(org.hyperledger.fabric.protos.common.ConfigEnvelope.parseFrom(
                    org.hyperledger.fabric.protos.common.Payload.parseFrom(envelope.getPayload()).getData()).getConfig());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate tlsCa(int org) {
        return (org == 1 ? org1Cas : org2Cas).tlsCa().certificate();
    }

    public X509Certificate ordererTlsCa() {
        return ordererCas.tlsCa().certificate();
    }

    /** Another organization's admin that no channel knows. */
    public static Signer stranger() {
        OrganizationCas cas = cas("Org9MSP", "org9.example.com");
        return signer("Org9MSP", issue(cas, NOW, IdentityRequest.user(IdentityRole.ADMIN, "Admin@org9.example.com")));
    }

    public static Signer signer(String mspId, Identity identity) {
        return new EcdsaSigner(FabricIdentity.of(mspId, identity.signing().certificate()), identity.signing().privateKey());
    }

    private static MspDescription msp(OrganizationCas cas) {
        return MspDescription.of(cas.organization().mspId(), pem(cas.signingCa().certificate()), pem(cas.tlsCa().certificate()));
    }

    private static ByteString pem(X509Certificate certificate) {
        return ByteString.copyFromUtf8(Pem.certificate(certificate));
    }

    private static OrganizationCas cas(String mspId, String domain) {
        return new OrganizationCaFactory(Clock.fixed(CA_TIME, ZoneOffset.UTC), ValidityPolicy.DEFAULT)
                .createRoots(new MspOrganization(mspId, domain));
    }

    /** Issues as the organization's CAs would at the given time. */
    private static Identity issue(OrganizationCas cas, Instant at, IdentityRequest request) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        return new IdentityIssuer(new OrganizationCas(cas.organization(), reload(cas.signingCa(), clock), reload(cas.tlsCa(), clock)))
                .issue(request);
    }

    private static CertificateAuthority reload(CertificateAuthority ca, Clock clock) {
        return CertificateAuthority.load(ca.certifiedKey(), ca.issuers(), clock, ca.validityPolicy());
    }
}
