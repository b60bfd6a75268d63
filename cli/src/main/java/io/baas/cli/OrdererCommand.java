package io.baas.cli;

import io.baas.fabric.admin.OrdererAdminClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hyperledger.fabric.protos.common.Block;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An orderer's channel participation API (osnadmin channel ...), over mutual TLS on its admin port. */
@Command(name = "orderer", description = "Orderer channel participation (as osnadmin).",
        subcommands = {OrdererCommand.Join.class, OrdererCommand.List.class, OrdererCommand.Remove.class})
final class OrdererCommand {

    static final class AdminEndpoint {
        @Option(names = "--admin", required = true, paramLabel = "HOST:PORT", description = "the orderer's admin endpoint")
        String admin;

        @Mixin
        TlsOptions tls;

        @Option(names = "--timeout", defaultValue = "30s", description = "how long to wait, e.g. 30s, 2m or PT30S (default: ${DEFAULT-VALUE})")
        Duration timeout;

        OrdererAdminClient client() {
            var endpoint = CliFiles.endpoint(admin);
            return new OrdererAdminClient(URI.create("https://" + endpoint.host() + ":" + endpoint.port()), tls.trusted(),
                    tls.requiredClient(), timeout);
        }
    }

    @Command(name = "join", mixinStandardHelpOptions = true, description = "Join the orderer to the channel of a genesis (or config) block.")
    static final class Join extends ToolCommand {
        @Mixin
        AdminEndpoint endpoint;

        @Option(names = "--block", required = true, paramLabel = "FILE", description = "the channel's genesis block")
        Path block;

        @Override
        public Integer call() {
            Block genesis = CliFiles.block("--block", block);
            OrdererAdminClient.JoinOutcome outcome = endpoint.client().join(genesis);
            out().println(outcome == OrdererAdminClient.JoinOutcome.JOINED
                    ? "joined" : "already joined: nothing changed");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The channels the orderer serves, or one channel's state.")
    static final class List extends ToolCommand {
        @Mixin
        AdminEndpoint endpoint;

        @Option(names = "--channel", description = "one channel: its status, relation and height")
        String channel;

        @Override
        public Integer call() {
            OrdererAdminClient client = endpoint.client();
            if (channel == null) {
                client.list().forEach(out()::println);
                return 0;
            }
            var info = client.get(channel);
            if (info.isEmpty()) {
                err().println("the orderer does not serve channel " + channel);
                return FabricCli.FAILED;
            }
            out().printf("%s status=%s relation=%s height=%d%n", info.get().name(), info.get().status(),
                    info.get().consensusRelation(), info.get().height());
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a channel from the orderer.")
    static final class Remove extends ToolCommand {
        @Mixin
        AdminEndpoint endpoint;

        @Parameters(paramLabel = "CHANNEL")
        String channel;

        @Override
        public Integer call() {
            out().println(endpoint.client().remove(channel) ? "removed" : "not served: nothing changed");
            return 0;
        }
    }
}
