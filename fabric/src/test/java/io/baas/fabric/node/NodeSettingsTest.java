package io.baas.fabric.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings of the fixture network's nodes (testdata/fabric-2.5.5/README.md: processes on
 * 127.0.0.1, peer0.org1 on 7051 with chaincode 7052 and operations 9444, the orderer on 7050 with
 * admin 7053 and operations 9443) come out as the variables Fabric 2.5 reads.
 */
class NodeSettingsTest {

    private static final NodeFolders PEER_FILES = new NodeFolders("/srv/peer0/identity", "/srv/peer0/data");
    private static final NodeFolders ORDERER_FILES = new NodeFolders("/srv/orderer0/identity", "/srv/orderer0/data");

    @Test
    void aPeerListensWhereItIsToldAndAnnouncesItsEndpoint() {
        PeerNodeSettings peer = new PeerNodeSettings("peer0.org1.example.com", "Org1MSP", PEER_FILES, "127.0.0.1",
                new PeerNodeSettings.Ports(7051, 7052, 9444), "127.0.0.1:7051", List.of("127.0.0.1:8051"), false, "{\"mspid\":\"Org1MSP\"}");

        Map<String, String> env = peer.environment();

        assertThat(env).containsEntry("CORE_PEER_ID", "peer0.org1.example.com")
                .containsEntry("CORE_PEER_LOCALMSPID", "Org1MSP")
                .containsEntry("CORE_PEER_MSPCONFIGPATH", "/srv/peer0/identity/msp")
                .containsEntry("CORE_PEER_LISTENADDRESS", "127.0.0.1:7051")
                .containsEntry("CORE_PEER_ADDRESS", "127.0.0.1:7051")
                .containsEntry("CORE_PEER_CHAINCODELISTENADDRESS", "127.0.0.1:7052")
                .containsEntry("CORE_PEER_GOSSIP_EXTERNALENDPOINT", "127.0.0.1:7051")
                .containsEntry("CORE_PEER_GOSSIP_BOOTSTRAP", "127.0.0.1:8051")
                .containsEntry("CORE_PEER_GATEWAY_ENABLED", "true")
                .containsEntry("CORE_PEER_TLS_ENABLED", "true")
                .containsEntry("CORE_PEER_TLS_CERT_FILE", "/srv/peer0/identity/tls/server.crt")
                .containsEntry("CORE_PEER_TLS_KEY_FILE", "/srv/peer0/identity/tls/server.key")
                .containsEntry("CORE_PEER_TLS_ROOTCERT_FILE", "/srv/peer0/identity/tls/ca.crt")
                .containsEntry("CORE_PEER_FILESYSTEMPATH", "/srv/peer0/data")
                .containsEntry("CORE_OPERATIONS_LISTENADDRESS", "127.0.0.1:9444")
                .containsEntry("CORE_OPERATIONS_TLS_ENABLED", "false")
                .containsEntry("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG", "{\"mspid\":\"Org1MSP\"}")
                .doesNotContainKey("CORE_OPERATIONS_TLS_CERT_FILE");
        assertThat(env.keySet()).allMatch(name -> name.startsWith("CORE_") || name.equals("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG"));
    }

    @Test
    void operationsOverTlsUseTheNodesServerCertificateWithoutClientCertificates() {
        PeerNodeSettings peer = new PeerNodeSettings("p", "Org1MSP", PEER_FILES, "0.0.0.0", new PeerNodeSettings.Ports(7051, 7052, 9443),
                "p.example:7051", List.of(), true, "{}");
        OrdererNodeSettings orderer = new OrdererNodeSettings("OrdererMSP", ORDERER_FILES, "0.0.0.0",
                new OrdererNodeSettings.Ports(7050, 7070, 7053, 9443), true);

        assertThat(peer.environment()).containsEntry("CORE_OPERATIONS_TLS_ENABLED", "true")
                .containsEntry("CORE_OPERATIONS_TLS_CERT_FILE", "/srv/peer0/identity/tls/server.crt")
                .containsEntry("CORE_OPERATIONS_TLS_CLIENTAUTHREQUIRED", "false")
                .containsEntry("CORE_PEER_GOSSIP_BOOTSTRAP", "");
        assertThat(orderer.environment()).containsEntry("ORDERER_OPERATIONS_TLS_ENABLED", "true")
                .containsEntry("ORDERER_OPERATIONS_TLS_PRIVATEKEY", "/srv/orderer0/identity/tls/server.key")
                .containsEntry("ORDERER_OPERATIONS_TLS_CLIENTAUTHREQUIRED", "false");
    }

    @Test
    void anOrdererHasNoSystemChannelAndItsAdminEndpointWantsClientCertificates() {
        OrdererNodeSettings orderer = new OrdererNodeSettings("OrdererMSP", ORDERER_FILES, "127.0.0.1",
                new OrdererNodeSettings.Ports(7050, 7070, 7053, 9443), false);

        Map<String, String> env = orderer.environment();

        assertThat(env).containsEntry("ORDERER_GENERAL_LISTENADDRESS", "127.0.0.1")
                .containsEntry("ORDERER_GENERAL_LISTENPORT", "7050")
                .containsEntry("ORDERER_GENERAL_LOCALMSPID", "OrdererMSP")
                .containsEntry("ORDERER_GENERAL_LOCALMSPDIR", "/srv/orderer0/identity/msp")
                .containsEntry("ORDERER_GENERAL_BOOTSTRAPMETHOD", "none")
                .containsEntry("ORDERER_CHANNELPARTICIPATION_ENABLED", "true")
                .containsEntry("ORDERER_GENERAL_TLS_ROOTCAS", "[/srv/orderer0/identity/tls/ca.crt]")
                .containsEntry("ORDERER_GENERAL_CLUSTER_LISTENADDRESS", "127.0.0.1")
                .containsEntry("ORDERER_GENERAL_CLUSTER_LISTENPORT", "7070")
                .containsEntry("ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE", "/srv/orderer0/identity/tls/server.crt")
                .containsEntry("ORDERER_ADMIN_LISTENADDRESS", "127.0.0.1:7053")
                .containsEntry("ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED", "true")
                .containsEntry("ORDERER_ADMIN_TLS_CLIENTROOTCAS", "[/srv/orderer0/identity/tls/ca.crt]")
                .containsEntry("ORDERER_FILELEDGER_LOCATION", "/srv/orderer0/data")
                .containsEntry("ORDERER_CONSENSUS_WALDIR", "/srv/orderer0/data/etcdraft/wal")
                .containsEntry("ORDERER_CONSENSUS_SNAPDIR", "/srv/orderer0/data/etcdraft/snapshot")
                .containsEntry("ORDERER_OPERATIONS_LISTENADDRESS", "127.0.0.1:9443")
                .containsEntry("ORDERER_METRICS_PROVIDER", "prometheus")
                .doesNotContainKey("ORDERER_OPERATIONS_TLS_CERTIFICATE");
    }
}
