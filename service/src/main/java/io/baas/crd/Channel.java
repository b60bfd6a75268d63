package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Fabric channel of a consortium, in the leader's consortium namespace. Policies default to
 * configtxgen's; batch settings to Fabric's sample values.
 */
@Group(BaasResource.GROUP)
@Version(BaasResource.VERSION)
@Kind("Channel")
@Plural("channels")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("ch")
public class Channel extends CustomResource<Channel.Spec, Channel.Status> implements Namespaced {

    // The generator reads descriptions from properties only; spec and status are the base class's.
    @Override
    @JsonPropertyDescription("The channel's members, orderers, anchor peers, policies and batch settings.")
    public Spec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the service observed and made, written only by the service.")
    public Status getStatus() {
        return super.getStatus();
    }

    public static class Spec {
        /** Fabric's channel name rule: lower case, starts with a letter, at most 249 characters. */
        @JsonPropertyDescription("The Fabric channel ID: lower case letters, digits, '.' and '-', starting with a letter, at most 249 characters.")
        @Required
        @Pattern("^[a-z][a-z0-9.-]{0,248}$")
        @PrinterColumn(name = "Channel ID")
        public String channelId;
        @JsonPropertyDescription("The Consortium the channel belongs to.")
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        public String consortium;
        /** Application organizations (by Organization name). */
        @JsonPropertyDescription("The application organizations (Organization names, members of the consortium), at least one; their peers join the channel.")
        @Required
        @Size(min = 1)
        public List<String> organizations = new ArrayList<>();
        /** Organizations whose orderer nodes serve the channel; the consortium's ordering service when empty. */
        @JsonPropertyDescription("The organizations whose orderer nodes serve the channel; the consortium's ordering organization when empty.")
        public List<String> ordererOrganizations = new ArrayList<>();
        /** Anchor peers per organization (PeerNode names). */
        @JsonPropertyDescription("Anchor peers per organization (organization name to PeerNode names); an organization not listed gets its first peer. They go into the genesis block; changing them on a live channel needs the members' signatures (Degraded, ProposalRequired).")
        public Map<String, List<String>> anchorPeers;
        @JsonPropertyDescription("Block cutting settings (configtx.yaml's BatchTimeout and BatchSize), in the genesis block; Fabric's sample values when unset. Changing them on a live channel needs the members' signatures (Degraded, ProposalRequired).")
        public Batch batch;
        /** Policy overrides by path (e.g. "Application/Endorsement": "MAJORITY Endorsement"). */
        @JsonPropertyDescription("Policy overrides by path (Channel/<name>, Orderer/<name> or Application/<name>) to configtx.yaml rule text, e.g. Application/Endorsement: MAJORITY Endorsement; they replace configtxgen's default of that name or add a policy, in the genesis block; changing them on a live channel needs the members' signatures (Degraded, ProposalRequired).")
        public Map<String, String> policies;
        @JsonPropertyDescription("Capability levels of the channel, orderer and application config (Fabric 2.5: channel V2_0, orderer V2_0, application V2_0 or V2_5); Fabric 2.5's highest when unset. Raising one on a live channel needs the members' signatures (Degraded, ProposalRequired); none is ever lowered.")
        public Capabilities capabilities;
    }

    public static class Capabilities {
        @JsonPropertyDescription("The channel level: V2_0.")
        @Pattern("^V2_0$")
        public String channel = "V2_0";
        @JsonPropertyDescription("The orderer level: V2_0.")
        @Pattern("^V2_0$")
        public String orderer = "V2_0";
        @JsonPropertyDescription("The application level: V2_0 or V2_5 (V2_5 purges private data history and needs Fabric 2.5 peers).")
        @Pattern("^V2_[05]$")
        public String application = "V2_5";
    }

    public static class Batch {
        /** Go duration, e.g. 2s. */
        @JsonPropertyDescription("How long the orderer waits before cutting a block that is not full: a Go duration in ms, s or m, default 2s.")
        @Pattern("^[0-9]+(ms|s|m)$")
        public String timeout = "2s";
        @JsonPropertyDescription("At most this many transactions per block, 1 to 10000, default 10.")
        @Min(1)
        @Max(10000)
        public Integer maxMessageCount = 10;
        @JsonPropertyDescription("The largest block in bytes, at least 1024, default 103809024 (99 MiB).")
        @Min(1024)
        public Long absoluteMaxBytes = 99L * 1024 * 1024;
        @JsonPropertyDescription("The preferred block size in bytes, at least 1024, default 524288 (512 KiB); a larger single transaction still makes its own block.")
        @Min(1024)
        public Long preferredMaxBytes = 512L * 1024;
    }

    public static class Status implements ObservedStatus {
        @JsonPropertyDescription("Waiting (orderers or anchor peers not running yet), JoiningPeers (orderers serve the channel, some peers still to join), Ready (every orderer and peer serves it) or Degraded (the conditions say why).")
        @PrinterColumn(name = "Phase")
        public Phase phase;
        @JsonPropertyDescription("The channel's block height: the highest an orderer reports.")
        @PrinterColumn(name = "Height")
        public Long height;
        @JsonPropertyDescription("The sequence of the channel's latest config, as the orderer reports it.")
        public Long configSequence;
        @JsonPropertyDescription("The orderer nodes that serve the channel.")
        public List<String> orderersJoined = new ArrayList<>();
        @JsonPropertyDescription("The peer nodes that joined the channel.")
        public List<String> peersJoined = new ArrayList<>();
        @JsonPropertyDescription("The metadata.generation of the spec the last pass acted on.")
        public Long observedGeneration;

        @Override
        public void observe(long generation) {
            observedGeneration = generation;
        }

        /** The phases of the status, as written (kubectl and the console show these words). */
        public enum Phase {
            @JsonProperty("Waiting")
            WAITING,
            @JsonProperty("JoiningPeers")
            JOINING_PEERS,
            @JsonProperty("Ready")
            READY,
            @JsonProperty("Degraded")
            DEGRADED;
        }

        @JsonPropertyDescription("Ready, Progressing and Degraded conditions with reasons (e.g. AnchorPeersNotReady, ProposalRequired, GenesisMismatch), as the last pass found the channel; ExplorerDegraded (ChainBroken, ChainVerified) from the block explorer's verification.")
        public List<Condition> conditions = new ArrayList<>();
    }
}
