package io.baas.cli;

import io.baas.fabric.admin.ChannelConfigClient;
import io.baas.fabric.admin.OrdererClient;
import io.baas.fabric.admin.PendingConfigUpdate;
import io.baas.fabric.admin.PendingConfigUpdateFile;
import io.baas.fabric.configtx.ApplicationOrganization;
import io.baas.fabric.configtx.ChannelConfigBuilder;
import io.baas.fabric.configtx.HostPort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Config updates of a live channel, signed by several organizations: compute one into a pending
 * file, let each organization's admin sign it (with their own MSP folder), submit it once its mod
 * policies are met. The pending file is the library's PendingConfigUpdate record.
 */
@Command(name = "update", description = "Config updates: compute, sign, submit.",
        subcommands = {ConfigUpdateCommand.Compute.class, ConfigUpdateCommand.Sign.class, ConfigUpdateCommand.Submit.class})
final class ConfigUpdateCommand {

    static final class Orderer {
        @Option(names = "--orderer", required = true, paramLabel = "HOST:PORT")
        String orderer;

        @Option(names = "--orderer-tls-ca", required = true, paramLabel = "PEM")
        Path tlsCa;

        OrdererClient client() {
            HostPort endpoint = CliFiles.endpoint(orderer);
            return new OrdererClient(endpoint.host(), endpoint.port(), CliFiles.certificates("--orderer-tls-ca", tlsCa), Optional.empty(), Duration.ofSeconds(30));
        }
    }

    static PendingConfigUpdate read(Path file) {
        try {
            return PendingConfigUpdateFile.read(java.nio.file.Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            throw new CliInputException(file + " is not a pending config update: " + e.getMessage(), e);
        }
    }

    static void write(Path file, PendingConfigUpdate pending) {
        CliFiles.write(file, PendingConfigUpdateFile.write(pending));
    }

    @Command(name = "compute", mixinStandardHelpOptions = true,
            description = "Read the channel's config from the orderer and compute an update: set anchor peers, add an organization.")
    static final class Compute extends ToolCommand {
        @Mixin
        Orderer orderer;

        @Mixin
        MspOptions msp;

        @Option(names = "--channel", required = true)
        String channel;

        @Option(names = "--anchor-peer", paramLabel = "MSPID=HOST:PORT", description = "an organization's anchor peer (repeat); replaces its list")
        List<String> anchorPeers = new ArrayList<>();

        @Option(names = "--add-org", paramLabel = "MSPID=MSPDIR", description = "an organization to add, from its MSP folder")
        List<String> addOrganizations = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Override
        public Integer call() {
            Config current;
            try (OrdererClient client = orderer.client()) {
                current = new ChannelConfigClient(client, Clock.systemUTC()).latest(msp.signer(), channel);
            }
            ConfigGroup.Builder application = current.getChannelGroup().getGroupsOrThrow("Application").toBuilder();
            Map<String, List<HostPort>> anchors = new java.util.LinkedHashMap<>();
            for (String entry : anchorPeers) {
                String[] parts = pair(entry, "--anchor-peer");
                anchors.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(CliFiles.endpoint(parts[1]));
            }
            anchors.forEach((mspId, peers) -> {
                if (!application.containsGroups(mspId)) {
                    throw new CliInputException("channel " + channel + " has no organization " + mspId);
                }
                application.putGroups(mspId, application.getGroupsOrThrow(mspId).toBuilder()
                        .putValues("AnchorPeers", ChannelConfigBuilder.anchorPeers(peers)).build());
            });
            for (String entry : addOrganizations) {
                String[] parts = pair(entry, "--add-org");
                application.putGroups(parts[0], ChannelConfigBuilder.applicationOrganization(
                        ApplicationOrganization.of(CliFiles.mspFolder("--add-org " + entry, Path.of(parts[1]), parts[0]))));
            }
            Config desired = current.toBuilder().setChannelGroup(current.getChannelGroup().toBuilder()
                    .putGroups("Application", application.build())).build();
            PendingConfigUpdate pending = PendingConfigUpdate.compute(channel, current, desired)
                    .orElseThrow(() -> new CliInputException("no differences detected between original and updated config"));
            write(out, pending);
            out().println("needs signatures for " + String.join(", ", pending.requiredPolicies()));
            return 0;
        }

        private static String[] pair(String entry, String option) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new CliInputException(option + " '" + entry + "' is not NAME=VALUE");
            }
            return new String[] {entry.substring(0, equals), entry.substring(equals + 1)};
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Add this admin's signature to a pending update file.")
    static final class Sign extends ToolCommand {
        @Option(names = "--pending", required = true, paramLabel = "FILE")
        Path file;

        @Mixin
        MspOptions msp;

        @Override
        public Integer call() {
            PendingConfigUpdate signed = read(file).signedBy(msp.signer());
            write(file, signed);
            List<String> missing = signed.missingPolicies();
            out().println(missing.isEmpty() ? "ready to submit" : "still needs " + String.join(", ", missing));
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a pending update whose policies are met and wait for the config block.")
    static final class Submit extends ToolCommand {
        @Option(names = "--pending", required = true, paramLabel = "FILE")
        Path file;

        @Mixin
        Orderer orderer;

        @Mixin
        MspOptions msp;

        @Override
        public Integer call() {
            PendingConfigUpdate pending = read(file);
            try (OrdererClient client = orderer.client()) {
                Config next = new ChannelConfigClient(client, Clock.systemUTC()).submit(pending.submission(msp.signer(), Clock.systemUTC().instant()),
                        msp.signer(), pending.channelId(), Duration.ofSeconds(60));
                out().println("config sequence " + next.getSequence());
            }
            return 0;
        }
    }
}
