package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.transaction.Proposals;
import io.baas.fabric.transaction.SystemChaincodes;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The test channel with each organization's peer as its anchor peer (as the gateway and private
 * data dissemination find other organizations' peers), joined by the orderer and by both peers
 * through their admins' proposals.
 */
final class AnchoredChannel {

    private AnchoredChannel() {
    }

    static Block join(SandboxNetwork network, OrderingNode orderer, PeerNode peer1, PeerNode peer2, BatchSize batch, Duration timeout)
            throws InterruptedException {
        ChannelDescription channel = network.channel(batch, timeout);
        channel = channel.withApplication(channel.application()
                .withAnchorPeers("Org1MSP", List.of(new HostPort("127.0.0.1", peer1.port())))
                .withAnchorPeers("Org2MSP", List.of(new HostPort("127.0.0.1", peer2.port()))));
        Block genesis = network.genesis(channel);
        orderer.channels().join(genesis);
        try (PeerClientChannel client1 = new PeerClientChannel(peer1.port(), network.tlsCa(1));
             PeerClientChannel client2 = new PeerClientChannel(peer2.port(), network.tlsCa(2))) {
            join(client1, network.org1Admin, genesis);
            join(client2, network.org2Admin, genesis);
        }
        return genesis;
    }

    private static void join(PeerClientChannel client, Signer admin, Block genesis) {
        assertThat(client.stub(60).processProposal(Proposals.create(SystemChaincodes.joinChannel(genesis.toByteString()),
                admin.identity(), SandboxNetwork.CLOCK).sign(admin)).getResponse().getStatus()).isEqualTo(200);
    }
}
