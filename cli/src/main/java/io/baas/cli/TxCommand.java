package io.baas.cli;

import io.baas.fabric.gateway.FabricGateway;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Transactions through a peer's Gateway (fabric-gateway): submit and evaluate. */
@Command(name = "tx", description = "Transactions through the peer's Gateway.", subcommands = {TxCommand.Submit.class, TxCommand.Evaluate.class})
final class TxCommand {

    static final class CallOptions {
        @Option(names = "--channel", required = true)
        String channel;

        @Option(names = "--chaincode", required = true)
        String chaincode;

        @Option(names = "--function", required = true)
        String function;

        @Option(names = "--arg", description = "an argument (repeat, in order)")
        List<String> args = new ArrayList<>();

        @Option(names = "--endorsing-org", description = "endorse on exactly these organizations (repeat); the gateway chooses when absent")
        List<String> endorsingOrganizations = new ArrayList<>();

        @Option(names = "--transient", description = "transient data as name=value (repeat): private input that reaches the endorsing"
                + " peers only, never a block")
        Map<String, String> transientData = new LinkedHashMap<>();

        FabricGateway.Call call() {
            Map<String, byte[]> transientBytes = new LinkedHashMap<>();
            transientData.forEach((name, value) -> transientBytes.put(name, value.getBytes(StandardCharsets.UTF_8)));
            return new FabricGateway.Call(channel, chaincode, function, args.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList(),
                    transientBytes, endorsingOrganizations);
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Endorse, order and wait for the commit; prints the result, then the transaction ID and block on stderr.")
    static final class Submit extends ToolCommand {
        @Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Mixin
        CallOptions call;

        @Override
        public Integer call() {
            FabricGateway.Committed committed = endpoint.withGateway(gateway -> gateway.submit(endpoint.msp.signer(), endpoint.gatewayPeer(), call.call()));
            out().println(new String(committed.result(), StandardCharsets.UTF_8));
            err().println("committed " + committed.transactionId() + " in block " + committed.blockNumber());
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Run the function on the peer without ordering; prints the result.")
    static final class Evaluate extends ToolCommand {
        @Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Mixin
        CallOptions call;

        @Override
        public Integer call() {
            byte[] result = endpoint.withGateway(gateway -> gateway.evaluate(endpoint.msp.signer(), endpoint.gatewayPeer(), call.call()));
            out().println(new String(result, StandardCharsets.UTF_8));
            return 0;
        }
    }
}
