package io.baas.cli;

import io.baas.fabric.chaincode.ChaincodePackageParser;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.CollectionsConfigJson;
import io.baas.fabric.lifecycle.LifecycleClient;
import io.baas.fabric.lifecycle.LifecycleMessageException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The chaincode lifecycle (peer lifecycle chaincode ...), each step through its door; a finished step says so. */
@Command(name = "lifecycle", description = "Chaincode lifecycle: install, approve, checkreadiness, commit, querycommitted.",
        subcommands = {LifecycleCommand.Install.class, LifecycleCommand.Approve.class, LifecycleCommand.CheckReadiness.class,
                LifecycleCommand.Commit.class, LifecycleCommand.QueryCommitted.class})
final class LifecycleCommand {

    static final class Definition {
        @Option(names = "--channel", required = true)
        String channel;

        @Option(names = "--name", required = true, description = "chaincode name")
        String name;

        @Option(names = "--version", required = true)
        String version;

        @Option(names = "--sequence", required = true)
        long sequence;

        @Option(names = "--init-required", description = "the definition requires an Init call first")
        boolean initRequired;

        @Option(names = "--collections-config", paramLabel = "FILE",
                description = "private data collections, a collections_config.json as the peer CLI reads it")
        Path collectionsConfig;

        ChaincodeDefinition definition() {
            ChaincodeDefinition definition = ChaincodeDefinition.of(name, version, sequence, initRequired);
            if (collectionsConfig == null) {
                return definition;
            }
            try {
                return definition.withCollections(Optional.of(CollectionsConfigJson.parse(
                        CliFiles.readBytes("--collections-config", collectionsConfig))));
            } catch (LifecycleMessageException e) {
                throw new CliInputException("--collections-config " + collectionsConfig + ": " + e.getMessage(), e);
            }
        }
    }

    private static LifecycleClient client(PeerCommand.PeerEndpoint endpoint, io.baas.fabric.gateway.FabricGateway gateway) {
        return new LifecycleClient(gateway, endpoint.timeout, Clock.systemUTC());
    }

    private static String said(LifecycleClient.Step step) {
        return (step.outcome() == LifecycleClient.Outcome.DONE ? "done: " : "already done: ") + step.detail();
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Install a package on the peer (as its organization's admin); prints the package ID.")
    static final class Install extends ToolCommand {
        @Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Option(names = "--package", required = true, paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            var parsed = ChaincodePackageParser.parse(CliFiles.readBytes("--package", file));
            LifecycleClient.Step step = endpoint.withGateway(gateway -> client(endpoint, gateway)
                    .install(endpoint.gatewayPeer(), endpoint.msp.signer(), parsed.chaincodePackage()));
            out().println(said(step));
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve the definition for the admin's organization, endorsed by its own peer.")
    static final class Approve extends ToolCommand {
        @Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Mixin
        Definition definition;

        @Option(names = "--package-id", required = true)
        String packageId;

        @Override
        public Integer call() {
            LifecycleClient.Step step = endpoint.withGateway(gateway -> client(endpoint, gateway).approve(endpoint.gatewayPeer(),
                    endpoint.msp.signer(), definition.channel, definition.definition(), packageId));
            out().println(said(step));
            return 0;
        }
    }

    @Command(name = "checkreadiness", mixinStandardHelpOptions = true, description = "Which organizations have approved the definition.")
    static final class CheckReadiness extends ToolCommand {
        @Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Mixin
        Definition definition;

        @Override
        public Integer call() {
            var approvals = endpoint.withGateway(gateway -> client(endpoint, gateway).checkCommitReadiness(endpoint.gatewayPeer(),
                    endpoint.msp.signer(), definition.channel, definition.definition()));
            new java.util.TreeMap<>(approvals).forEach((org, approved) -> out().println(org + ": " + approved));
            return 0;
        }
    }

    @Command(name = "commit", mixinStandardHelpOptions = true, description = "Commit the definition, endorsed as the lifecycle endorsement policy asks.")
    static final class Commit extends ToolCommand {
        @Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Mixin
        Definition definition;

        @Override
        public Integer call() {
            LifecycleClient.Step step = endpoint.withGateway(gateway -> client(endpoint, gateway).commit(endpoint.gatewayPeer(),
                    endpoint.msp.signer(), definition.channel, definition.definition()));
            out().println(said(step));
            return 0;
        }
    }

    @Command(name = "querycommitted", mixinStandardHelpOptions = true, description = "The committed definition of a chaincode.")
    static final class QueryCommitted extends ToolCommand {
        @Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Option(names = "--channel", required = true)
        String channel;

        @Option(names = "--name", required = true)
        String name;

        @Override
        public Integer call() {
            var committed = endpoint.withGateway(gateway -> client(endpoint, gateway).queryCommitted(endpoint.gatewayPeer(),
                    endpoint.msp.signer(), channel, name));
            if (committed.isEmpty()) {
                err().println("chaincode " + name + " has no committed definition on " + channel);
                return FabricCli.FAILED;
            }
            out().printf("%s version=%s sequence=%d approvals=%s%n", name, committed.get().getVersion(),
                    committed.get().getSequence(), new java.util.TreeMap<>(committed.get().getApprovalsMap()));
            return 0;
        }
    }
}
