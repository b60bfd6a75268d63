package io.baas.consortium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.error.DomainException;
import io.baas.fabric.configtx.HostPort;
import io.baas.k8s.build.ConsortiumNodes;
import io.baas.runtime.NodeRuntime;
import io.baas.runtime.OrdererAddresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connection profiles (Fabric's common connection profile) for an organization of a consortium,
 * built from what runs: its peers and the consortium's orderers where the node runtime says they
 * answer, the TLS CA chains from the organizations' status, the channels it is a member of. Public
 * material only.
 */
@ApplicationScoped
public class ConnectionProfiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KubernetesClient client;
    private final NamespaceOwners owners;
    private final NodeRuntime runtime;

    ConnectionProfiles(KubernetesClient client, NamespaceOwners owners, NodeRuntime runtime) {
        this.client = client;
        this.owners = owners;
        this.runtime = runtime;
    }

    /** The profile of the organization whose namespace this is; 404 for any other organization. */
    public ConnectionProfileView of(String namespace, String organizationName) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        if (!owner.organization().equals(organizationName)) {
            throw DomainException.notFound("Namespace " + namespace + " has no connection profile of organization " + organizationName + ".");
        }
        Consortium consortium = owner.consortium();
        Organization organization = ready(owner.organization());
        String tlsCa = organization.getStatus().tlsCaCertificate;
        Map<String, Map<String, Object>> peers = new LinkedHashMap<>();
        List<HostPort> peerAddresses = new ArrayList<>();
        for (PeerNode peer : sorted(client.resources(PeerNode.class).inNamespace(namespace).list().getItems())) {
            if (peer.getSpec() == null || !owner.organization().equals(peer.getSpec().organization)) {
                continue;
            }
            runtime.peerAddress(peer).ifPresent(address -> {
                peers.put(peer.getMetadata().getName() + "." + owner.organization(), node(address, tlsCa));
                peerAddresses.add(address);
            });
        }
        Map<String, Map<String, Object>> orderers = orderers(consortium);
        List<String> channels = channels(consortium, owner.organization());

        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", consortium.getMetadata().getName() + "-" + owner.organization());
        profile.put("version", "1.0.0");
        profile.put("client", Map.of("organization", owner.organization(),
                "connection", Map.of("timeout", Map.of("peer", Map.of("endorser", "300"), "orderer", "300"))));
        profile.put("organizations", Map.of(owner.organization(), Map.of("mspid", organization.getSpec().mspId,
                "peers", List.copyOf(peers.keySet()))));
        profile.put("peers", peers);
        profile.put("orderers", orderers);
        Map<String, Object> channelSection = new LinkedHashMap<>();
        for (String channel : channels) {
            Map<String, Object> roles = new LinkedHashMap<>();
            peers.keySet().forEach(peer -> roles.put(peer, Map.of("endorsingPeer", true, "chaincodeQuery", true,
                    "ledgerQuery", true, "eventSource", true)));
            channelSection.put(channel, Map.of("orderers", List.copyOf(orderers.keySet()), "peers", roles));
        }
        profile.put("channels", channelSection);

        ConnectionProfileView.Gateway gateway = peerAddresses.isEmpty() ? null
                : gateway(peerAddresses.get(0), organization.getSpec().mspId, tlsCa);
        return new ConnectionProfileView(owner.organization(), organization.getSpec().mspId, consortium.getMetadata().getName(),
                channels, profile, yaml(profile), gateway);
    }

    private Organization ready(String name) {
        Organization organization = client.resources(Organization.class).withName(name).get();
        if (organization == null || organization.getStatus() == null || organization.getStatus().tlsCaCertificate == null) {
            throw DomainException.conflict("Organization " + name + " has no TLS CA in its status yet; try again once it is Ready.");
        }
        return organization;
    }

    /** The consortium's orderers that answer, with the ordering organization's TLS CA. */
    private Map<String, Map<String, Object>> orderers(Consortium consortium) {
        Map<String, Map<String, Object>> orderers = new LinkedHashMap<>();
        String ordering = ConsortiumNodes.orderingOrganization(consortium);
        String namespace = consortium.getStatus() == null || consortium.getStatus().namespaces == null ? null
                : consortium.getStatus().namespaces.get(ordering);
        Organization organization = namespace == null ? null : client.resources(Organization.class).withName(ordering).get();
        if (organization == null || organization.getStatus() == null || organization.getStatus().tlsCaCertificate == null) {
            return orderers;
        }
        for (OrdererNode orderer : sorted(client.resources(OrdererNode.class).inNamespace(namespace).list().getItems())) {
            if (orderer.getSpec() == null || !ordering.equals(orderer.getSpec().organization)) {
                continue;
            }
            Optional<OrdererAddresses> addresses = runtime.ordererAddresses(orderer);
            addresses.ifPresent(a -> orderers.put(orderer.getMetadata().getName() + "." + ordering,
                    node(a.client(), organization.getStatus().tlsCaCertificate)));
        }
        return orderers;
    }

    private List<String> channels(Consortium consortium, String organization) {
        return client.resources(Channel.class).inAnyNamespace().list().getItems().stream()
                .filter(c -> c.getSpec() != null && consortium.getMetadata().getName().equals(c.getSpec().consortium)
                        && c.getSpec().organizations.contains(organization))
                .map(c -> c.getSpec().channelId)
                .sorted()
                .toList();
    }

    private static Map<String, Object> node(HostPort address, String tlsCa) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("url", "grpcs://" + address.host() + ":" + address.port());
        node.put("tlsCACerts", Map.of("pem", tlsCa));
        node.put("grpcOptions", Map.of("ssl-target-name-override", address.host(), "hostnameOverride", address.host()));
        return node;
    }

    private static ConnectionProfileView.Gateway gateway(HostPort peer, String mspId, String tlsCa) {
        String endpoint = peer.host() + ":" + peer.port();
        String snippet = String.join("\n",
                "// fabric-gateway 1.x: the TLS CA below saved as tls-ca.pem; the identity's certificate and key from an identity export.",
                "ManagedChannel channel = NettyChannelBuilder.forTarget(\"" + endpoint + "\")",
                "        .sslContext(GrpcSslContexts.forClient().trustManager(new File(\"tls-ca.pem\")).build())",
                "        .overrideAuthority(\"" + peer.host() + "\")",
                "        .build();",
                "Gateway gateway = Gateway.newInstance()",
                "        .identity(new X509Identity(\"" + mspId + "\", Identities.readX509Certificate(Files.newBufferedReader(Path.of(\"cert.pem\")))))",
                "        .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(Files.newBufferedReader(Path.of(\"key.pem\")))))",
                "        .hash(Hash.SHA256)",
                "        .connection(channel)",
                "        .connect();");
        return new ConnectionProfileView.Gateway(endpoint, peer.host(), mspId, tlsCa, snippet);
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> sorted(List<T> nodes) {
        return nodes.stream().sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
    }

    private static String yaml(Map<String, Object> profile) {
        try {
            return YAML.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings, lists and maps always writes as YAML", e);
        }
    }
}
