package io.baas.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ApplicationOrganization;
import io.baas.fabric.configtx.ApplicationSection;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.ChannelPolicyOverrides;
import io.baas.fabric.configtx.Consenter;
import io.baas.fabric.configtx.GoDurations;
import io.baas.fabric.configtx.OrdererOrganization;
import io.baas.fabric.configtx.OrdererSection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A channel description file (YAML): what a configtx.yaml profile says, with MSP folders by path
 * (relative to the file). See docs/cli.md for the format.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ChannelFile(String channel, Orderer orderer, Application application, Map<String, String> policies) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public record Orderer(List<Organization> organizations, List<ConsenterEntry> consenters, Batch batch) {
    }

    public record Application(List<Organization> organizations) {
    }

    /** An organization by its MSP folder; endpoints for ordering organizations, anchor peers for application ones. */
    public record Organization(String mspId, String mspDir, List<String> endpoints, List<String> anchorPeers) {
    }

    public record ConsenterEntry(String host, int port, String tlsCert) {
    }

    public record Batch(String timeout, Integer maxMessageCount, Integer absoluteMaxBytes, Integer preferredMaxBytes) {
    }

    /** Reads the file that {@code source} (an option) names. */
    public static ChannelFile read(String source, Path file) {
        byte[] bytes = CliFiles.readBytes(source, file);
        try {
            return YAML.readValue(bytes, ChannelFile.class);
        } catch (IOException e) {
            throw new CliInputException(source + ": " + file + " is not a channel description: " + e.getMessage(), e);
        }
    }

    /** The channel as configtxgen would profile it; relative paths are resolved against {@code base}. */
    public ChannelDescription describe(Path base) {
        require(channel != null, "channel (its name) is missing");
        require(orderer != null && orderer.organizations() != null && !orderer.organizations().isEmpty(), "orderer.organizations is missing");
        require(orderer.consenters() != null && !orderer.consenters().isEmpty(), "orderer.consenters is missing");
        require(application != null && application.organizations() != null && !application.organizations().isEmpty(),
                "application.organizations is missing");
        List<OrdererOrganization> ordering = new ArrayList<>();
        for (Organization organization : orderer.organizations()) {
            ordering.add(OrdererOrganization.of(organization.mspId(), msp("orderer", base, organization),
                    organization.endpoints() == null ? List.of() : organization.endpoints()));
        }
        List<Consenter> consenters = new ArrayList<>();
        for (ConsenterEntry entry : orderer.consenters()) {
            require(entry.tlsCert() != null, "consenter " + entry.host() + " has no tlsCert");
            ByteString tls = ByteString.copyFrom(CliFiles.readBytes(
                    "orderer.consenters[" + entry.host() + ":" + entry.port() + "].tlsCert", base.resolve(entry.tlsCert())));
            consenters.add(new Consenter(new io.baas.fabric.configtx.HostPort(entry.host(), entry.port()), tls, tls));
        }
        OrdererSection ordererSection = OrdererSection.of(ordering, consenters);
        Batch batch = orderer.batch();
        if (batch != null) {
            BatchSize defaults = ordererSection.batchSize();
            ordererSection = ordererSection.withBatchSize(new BatchSize(
                    batch.maxMessageCount() == null ? defaults.maxMessageCount() : batch.maxMessageCount(),
                    batch.absoluteMaxBytes() == null ? defaults.absoluteMaxBytes() : batch.absoluteMaxBytes(),
                    batch.preferredMaxBytes() == null ? defaults.preferredMaxBytes() : batch.preferredMaxBytes()));
            if (batch.timeout() != null) {
                ordererSection = ordererSection.withBatchTimeout(GoDurations.parse(batch.timeout()));
            }
        }
        List<ApplicationOrganization> members = new ArrayList<>();
        for (Organization organization : application.organizations()) {
            List<io.baas.fabric.configtx.HostPort> anchors = organization.anchorPeers() == null ? List.of()
                    : organization.anchorPeers().stream().map(CliFiles::endpoint).toList();
            members.add(ApplicationOrganization.of(msp("application", base, organization)).withAnchorPeers(anchors));
        }
        return ChannelPolicyOverrides.apply(ChannelDescription.of(channel, ordererSection, ApplicationSection.of(members)), policies);
    }

    private static io.baas.fabric.configtx.MspDescription msp(String section, Path base, Organization organization) {
        require(organization.mspId() != null, "an organization in " + section + ".organizations has no mspId");
        require(organization.mspDir() != null, "organization " + organization.mspId() + " has no mspDir");
        return CliFiles.mspFolder(section + ".organizations[" + organization.mspId() + "].mspDir",
                base.resolve(organization.mspDir()), organization.mspId());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new CliInputException(message);
        }
    }
}
