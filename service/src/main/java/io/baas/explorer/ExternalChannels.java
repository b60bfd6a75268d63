package io.baas.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedBlock;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import io.baas.store.DatabaseUnavailableException;
import io.baas.store.Db;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Channels of networks outside the platform that platform admins register to be browsed: the
 * registration's identity and peers in a Secret of the service's namespace (the private key never
 * reaches PostgreSQL), the trusted config block in the index's row. The explorer indexes them like
 * the platform's own channels.
 */
@ApplicationScoped
public class ExternalChannels {

    static final String SECRET_PREFIX = "baas-explorer-";
    private static final String COMPONENT = "explorer-external-channel";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final PlatformSettings platform;
    private final AgroalDataSource database;
    private final ExplorerQueries queries;

    ExternalChannels(KubernetesClient client, PlatformSettings platform, AgroalDataSource database) {
        this.client = client;
        this.platform = platform;
        this.database = database;
        this.queries = new ExplorerQueries(database);
    }

    public ExplorerViews.Ledger register(NewExternalChannel request) {
        List<FieldError> errors = new ArrayList<>();
        CertifiedKey key = null;
        try {
            key = CertifiedKey.fromPem(request.certificate(), request.privateKey());
        } catch (PkiException e) {
            errors.add(new FieldError("privateKey", "must be the PEM private key of the PEM certificate: " + e.getMessage()));
        }
        Block trusted = trustedBlock(request, errors);
        for (int i = 0; i < request.peers().size(); i++) {
            NewExternalChannel.Peer peer = request.peers().get(i);
            int port = Integer.parseInt(peer.address().substring(peer.address().lastIndexOf(':') + 1));
            if (port < 1 || port > 65535) {
                errors.add(new FieldError("peers[" + i + "].address", "must have a port from 1 to 65535"));
            }
            try {
                if (Pem.certificates(peer.tlsCaCertificate()).isEmpty()) {
                    errors.add(new FieldError("peers[" + i + "].tlsCaCertificate", "must hold a PEM certificate"));
                }
            } catch (PkiException e) {
                errors.add(new FieldError("peers[" + i + "].tlsCaCertificate", "must be PEM certificates: " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The external channel is invalid.", errors);
        }
        if (queries.channel(IndexedChannel.EXTERNAL, request.name()).isPresent()) {
            throw DomainException.conflict("External channel " + request.name() + " is registered already.");
        }
        Secret secret = new SecretBuilder().withNewMetadata().withName(SECRET_PREFIX + request.name())
                .withNamespace(platform.serviceNamespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "ks-baas", "app.kubernetes.io/component", COMPONENT))
                .endMetadata()
                .withType("Opaque")
                .withData(base64(Map.of("mspId", request.mspId(), "certificate", key.certificatePem(), "privateKey", key.privateKeyPem(),
                        "channelId", request.channelId(), "peers", peersJson(request.peers()))))
                .build();
        try {
            client.secrets().resource(secret).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw DomainException.conflict("Secret " + secret.getMetadata().getName() + " exists already in "
                        + platform.serviceNamespace() + "; it is left as it is.");
            }
            throw e;
        }
        try (Connection connection = database.getConnection()) {
            IndexedChannel registered = new IndexStore(connection).register(IndexedChannel.EXTERNAL, request.name(), request.channelId(),
                    trusted);
            return ExplorerQueries.ledger(registered);
        } catch (SQLException e) {
            client.secrets().resource(secret).delete();
            throw Db.isUnavailable(e) ? new DatabaseUnavailableException(e) : new IllegalStateException("registering failed", e);
        }
    }

    public List<ExplorerViews.Ledger> list() {
        return queries.channels().stream().filter(c -> c.kind().equals(IndexedChannel.EXTERNAL)).map(ExplorerQueries::ledger).toList();
    }

    public ExplorerViews.Ledger get(String name) {
        return queries.channel(IndexedChannel.EXTERNAL, name).map(ExplorerQueries::ledger)
                .orElseThrow(() -> DomainException.notFound("External channel " + name + " is not registered."));
    }

    /** Forgets the registration, its Secret and its index. */
    public void delete(String name) {
        IndexedChannel channel = queries.channel(IndexedChannel.EXTERNAL, name)
                .orElseThrow(() -> DomainException.notFound("External channel " + name + " is not registered."));
        try (Connection connection = database.getConnection()) {
            new IndexStore(connection).remove(channel.id());
        } catch (SQLException e) {
            throw Db.isUnavailable(e) ? new DatabaseUnavailableException(e) : new IllegalStateException("deleting failed", e);
        }
        client.secrets().inNamespace(platform.serviceNamespace()).withName(SECRET_PREFIX + name).delete();
    }

    /** The registration's peers with the reader it holds; none when its Secret is gone. */
    List<PeerBlockSource.Peer> peers(String name) {
        Secret secret = client.secrets().inNamespace(platform.serviceNamespace()).withName(SECRET_PREFIX + name).get();
        if (secret == null || secret.getData() == null) {
            return List.of();
        }
        Map<String, String> data = new java.util.HashMap<>();
        secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        CertifiedKey key = CertifiedKey.fromPem(data.get("certificate"), data.get("privateKey"));
        EcdsaSigner reader = new EcdsaSigner(FabricIdentity.of(data.get("mspId"), key.certificate()), key.privateKey());
        List<PeerBlockSource.Peer> peers = new ArrayList<>();
        try {
            for (Map<String, String> peer : JSON.readValue(data.get("peers"), new TypeReference<List<Map<String, String>>>() { })) {
                String address = peer.get("address");
                int colon = address.lastIndexOf(':');
                peers.add(new PeerBlockSource.Peer(name + "/" + address, address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), Pem.certificates(peer.get("tlsCaCertificate")), reader));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Secret " + secret.getMetadata().getName() + " holds no readable peers", e);
        }
        return peers;
    }

    private static Block trustedBlock(NewExternalChannel request, List<FieldError> errors) {
        try {
            Block block = Block.parseFrom(Base64.getDecoder().decode(request.trustedBlock().trim()));
            DecodedBlock decoded = BlockDecoder.decode(block);
            boolean configOfChannel = decoded.transactions().size() == 1 && decoded.transactions().get(0).config().isPresent()
                    && decoded.transactions().get(0).channelId().equals(request.channelId());
            if (!configOfChannel) {
                errors.add(new FieldError("trustedBlock", "must be a config block of channel " + request.channelId()));
            }
            return block;
        } catch (IllegalArgumentException | com.google.protobuf.InvalidProtocolBufferException | io.baas.fabric.FabricDataException e) {
            errors.add(new FieldError("trustedBlock", "must be a Fabric block in base64: " + e.getMessage()));
            return null;
        }
    }

    /** Secret data as the API server keeps it (the embedded API does not turn stringData into data). */
    private static Map<String, String> base64(Map<String, String> values) {
        Map<String, String> encoded = new java.util.HashMap<>();
        values.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }

    private static String peersJson(List<NewExternalChannel.Peer> peers) {
        try {
            return JSON.writeValueAsString(peers.stream().map(p -> Map.of("address", p.address(), "tlsCaCertificate", p.tlsCaCertificate()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
