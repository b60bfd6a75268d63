package io.baas.cli;

import io.baas.fabric.admin.PeerAdminClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hyperledger.fabric.protos.common.Block;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A peer's administration through its Endorser: cscc JoinChain and GetChannels, signed by the organization's admin. */
@Command(name = "peer", description = "Peer channel administration (as peer channel join/list).",
        subcommands = {PeerCommand.Join.class, PeerCommand.Channels.class})
final class PeerCommand {

    static final class PeerEndpoint {
        @Option(names = "--peer", required = true, paramLabel = "HOST:PORT", description = "the peer's endpoint")
        String peer;

        @Mixin
        TlsOptions tls;

        @Mixin
        MspOptions msp;

        @Option(names = "--timeout", defaultValue = "30s", description = "how long to wait, e.g. 30s, 2m or PT30S (default: ${DEFAULT-VALUE})")
        Duration timeout;

        PeerAdminClient client() {
            var endpoint = CliFiles.endpoint(peer);
            return new PeerAdminClient(endpoint.host(), endpoint.port(), tls.trusted(), timeout, Clock.systemUTC());
        }

        /** The same peer as a Gateway endpoint. */
        io.baas.fabric.gateway.GatewayPeer gatewayPeer() {
            var endpoint = CliFiles.endpoint(peer);
            return new io.baas.fabric.gateway.GatewayPeer(endpoint.host(), endpoint.port(), tls.trusted());
        }

        /** Runs work against the peer's Gateway with this command's deadlines, closing the connection after. */
        <T> T withGateway(java.util.function.Function<io.baas.fabric.gateway.FabricGateway, T> work) {
            try (var connections = new io.baas.fabric.gateway.GatewayConnections()) {
                var settings = new io.baas.fabric.gateway.GatewaySettings(timeout, timeout, timeout, timeout.multipliedBy(2), 3,
                        Duration.ofMillis(500));
                return work.apply(new io.baas.fabric.gateway.FabricGateway(connections, settings));
            }
        }
    }

    @Command(name = "join", mixinStandardHelpOptions = true, description = "Join the peer to a channel with its genesis block (as an admin of the peer's organization).")
    static final class Join extends ToolCommand {
        @Mixin
        PeerEndpoint endpoint;

        @Option(names = "--block", required = true, paramLabel = "FILE", description = "the channel's genesis block")
        Path block;

        @Override
        public Integer call() {
            Block genesis = CliFiles.block("--block", block);
            try (PeerAdminClient client = endpoint.client()) {
                PeerAdminClient.JoinOutcome outcome = client.joinChannel(endpoint.msp.signer(), genesis);
                out().println(outcome == PeerAdminClient.JoinOutcome.JOINED ? "joined" : "already joined: nothing changed");
            }
            return 0;
        }
    }

    @Command(name = "channels", mixinStandardHelpOptions = true, description = "The channels the peer has joined.")
    static final class Channels extends ToolCommand {
        @Mixin
        PeerEndpoint endpoint;

        @Override
        public Integer call() {
            try (PeerAdminClient client = endpoint.client()) {
                client.channels(endpoint.msp.signer()).forEach(out()::println);
            }
            return 0;
        }
    }
}
