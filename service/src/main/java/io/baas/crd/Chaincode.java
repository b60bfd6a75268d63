package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
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
 * A chaincode definition on a channel, run as a service per organization (CCaaS), in the leader's
 * consortium namespace. Its status follows the lifecycle: installed, approved, committed.
 */
@Group(BaasResource.GROUP)
@Version(BaasResource.VERSION)
@Kind("Chaincode")
@Plural("chaincodes")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("cc")
public class Chaincode extends CustomResource<Chaincode.Spec, Chaincode.Status> implements Namespaced {

    // The generator reads descriptions from properties only; spec and status are the base class's.
    @Override
    @JsonPropertyDescription("The chaincode definition on the channel (name, version, sequence, package, policies, collections) and how its servers run.")
    public Spec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Lifecycle progress and the servers' state, written only by the service.")
    public Status getStatus() {
        return super.getStatus();
    }

    public static class Spec {
        /** Fabric's chaincode name rule. */
        @JsonPropertyDescription("The chaincode name on the channel (Fabric's rule: letters and digits, with single '-' or '_' between them).")
        @Required
        @Pattern("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$")
        @PrinterColumn(name = "Name")
        public String name;
        @JsonPropertyDescription("The channel ID the chaincode is defined on.")
        @Required
        @Pattern("^[a-z][a-z0-9.-]{0,248}$")
        @PrinterColumn(name = "Channel")
        public String channel;
        /** The package in the chaincode repository. */
        @JsonPropertyDescription("The chaincode package, by workspace, name and version: an approved version of a workspace's chaincode repository, or a built-in (no workspace); PackageMissing when there is none.")
        @Required
        public PackageRef packageRef;
        @JsonPropertyDescription("The chaincode definition's version, free text (e.g. 1.0).")
        @Required
        @PrinterColumn(name = "Version")
        public String version;
        @JsonPropertyDescription("The definition's sequence on the channel, from 1; raise it by one for every new definition.")
        @Required
        @Min(1)
        @PrinterColumn(name = "Sequence")
        public Long sequence;
        /** Signature policy text, or a channel policy reference; the channel's Endorsement policy when unset. */
        @JsonPropertyDescription("A signature policy (e.g. OR('Org1MSP.peer', 'Org2MSP.peer')) or a channel policy path; the channel's /Channel/Application/Endorsement when unset.")
        public String endorsementPolicy;
        /**
         * Private data collections, with the fields and names of Fabric's collection configuration
         * (collections_config.json); they go into the definition every organization approves.
         */
        @JsonPropertyDescription("Private data collections, with the fields of Fabric's collections_config.json, at most 256; they go into the definition every organization approves.")
        @Size(max = 256)
        public List<PrivateDataCollection> collections;
        /** Chaincode server replicas per organization. */
        @JsonPropertyDescription("Chaincode server replicas per organization (organization name to count, 1 to 10); 1 for an organization not listed.")
        public Map<String, @Min(1) @Max(10) Integer> replicas;
    }

    /**
     * One private data collection, as Fabric's collections_config.json writes it. Counts left out
     * are what Fabric's peer CLI makes of them (requiredPeerCount 0, maxPeerCount 1);
     * {@code requiredPeerCount} may not exceed {@code maxPeerCount}.
     */
    @ValidationRule(value = "(has(self.requiredPeerCount) ? self.requiredPeerCount : 0) <= (has(self.maxPeerCount) ? self.maxPeerCount : 1)",
            message = "requiredPeerCount must not exceed maxPeerCount (1 when left out)")
    public static class PrivateDataCollection {
        /** Fabric's collection name rule (letters, digits, '-' and '_', not starting with '_'). */
        @JsonPropertyDescription("The collection name: letters, digits, '-' and '_', not starting with '_'.")
        @Required
        @Pattern(COLLECTION_NAME)
        public String name;
        /** Which organizations are members and hold the data: a signature policy, e.g. {@code OR('Org1MSP.member', 'Org2MSP.member')}. */
        @JsonPropertyDescription("The member organizations that hold the data, as a signature policy, e.g. OR('Org1MSP.member', 'Org2MSP.member').")
        @Required
        public String policy;
        /** Peers the endorsing peer must disseminate the data to before it endorses. */
        @JsonPropertyDescription("Peers the endorsing peer must disseminate the data to before it endorses; 0 when left out, at most maxPeerCount.")
        @Min(0)
        public Integer requiredPeerCount;
        /** Peers the endorsing peer tries to disseminate the data to. */
        @JsonPropertyDescription("Peers the endorsing peer tries to disseminate the data to; 1 when left out, as Fabric's peer CLI makes it.")
        @Min(0)
        public Integer maxPeerCount;
        /** Blocks after which the data is purged; 0 keeps it for ever. */
        @JsonPropertyDescription("Blocks after which the data is purged; 0 (or left out) keeps it for ever.")
        @Min(0)
        public Long blockToLive;
        /** Only members' clients may read the data. */
        @JsonPropertyDescription("Only clients of member organizations may read the data.")
        public Boolean memberOnlyRead;
        /** Only members' clients may write the data. */
        @JsonPropertyDescription("Only clients of member organizations may write the data.")
        public Boolean memberOnlyWrite;
        /** The collection's own endorsement policy, instead of the chaincode's. */
        @JsonPropertyDescription("The collection's own endorsement policy, instead of the chaincode's.")
        public CollectionEndorsementPolicy endorsementPolicy;
    }

    /** A collection's endorsement policy: a signature policy, or a channel policy path (exactly one). */
    @ValidationRule(value = "has(self.signaturePolicy) != has(self.channelConfigPolicy)",
            message = "give exactly one of signaturePolicy and channelConfigPolicy")
    public static class CollectionEndorsementPolicy {
        /** e.g. {@code AND('Org1MSP.peer', 'Org2MSP.peer')}. */
        @JsonPropertyDescription("A signature policy, e.g. AND('Org1MSP.peer', 'Org2MSP.peer').")
        public String signaturePolicy;
        /** e.g. {@code /Channel/Application/Endorsement}. */
        @JsonPropertyDescription("A channel policy path, e.g. /Channel/Application/Endorsement.")
        public String channelConfigPolicy;
    }

    /** Fabric's rule for collection names (its lifecycle refuses others). */
    public static final String COLLECTION_NAME = "^[A-Za-z0-9-][A-Za-z0-9_-]*$";

    public static class PackageRef {
        @JsonPropertyDescription("The workspace whose chaincode repository holds the package; unset for the platform's built-in packages.")
        @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
        public String workspace;
        @JsonPropertyDescription("The package name.")
        @Required
        public String name;
        @JsonPropertyDescription("The package version.")
        @Required
        public String version;
    }

    public static class Status implements ObservedStatus {
        @JsonPropertyDescription("AwaitingConsent (some organizations' admins have not consented to approve this definition), Deploying (installing, approving and committing, or servers starting), Committed (committed on the channel, servers still starting), Ready (committed and every server runs), ServersRunning (every server runs, no lifecycle progress to report) or Degraded (the conditions say why).")
        @PrinterColumn(name = "Phase")
        public Phase phase;
        @JsonPropertyDescription("The Fabric package ID (label:hash) installed on the peers.")
        public String packageId;
        @JsonPropertyDescription("The package ID an upgrade replaced: its servers keep serving the committed sequence until the new one commits.")
        public String replacedPackageId;
        @JsonPropertyDescription("The peers the package is installed on, as organization/peer.")
        public List<String> installedOn = new ArrayList<>();
        @JsonPropertyDescription("The organizations that approved this definition.")
        public List<String> approvedBy = new ArrayList<>();
        /** Kept for the last sequences, so an upgrade's record does not erase the previous one's. */
        @JsonPropertyDescription("The organizations that approved each of the last ten sequences, by sequence.")
        public java.util.Map<String, List<String>> approvalsBySequence = new java.util.TreeMap<>();
        /** Organizations not approved because their admins have not consented to this definition (ApprovalConsentRequired). */
        @JsonPropertyDescription("Organizations not approved yet because their admins have not consented to exactly this definition (ApprovalConsentRequired).")
        public List<String> awaitingConsent = new ArrayList<>();
        @JsonPropertyDescription("True once the definition is committed on the channel.")
        public Boolean committed;
        @JsonPropertyDescription("The metadata.generation of the spec the last pass acted on.")
        public Long observedGeneration;

        @Override
        public void observe(long generation) {
            observedGeneration = generation;
        }

        /** The phases of the status, as written (kubectl and the console show these words). */
        public enum Phase {
            @JsonProperty("AwaitingConsent")
            AWAITING_CONSENT,
            @JsonProperty("Deploying")
            DEPLOYING,
            @JsonProperty("Committed")
            COMMITTED,
            @JsonProperty("Ready")
            READY,
            @JsonProperty("ServersRunning")
            SERVERS_RUNNING,
            @JsonProperty("Degraded")
            DEGRADED;
        }

        @JsonPropertyDescription("Ready, Progressing and Degraded conditions with reasons (e.g. PeersNotRunning, LifecycleFailed, InvalidCollections), as the last pass found the chaincode.")
        public List<Condition> conditions = new ArrayList<>();
    }
}
