package io.baas.crd;

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

    public static class Spec {
        /** Fabric's chaincode name rule. */
        @Required
        @Pattern("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$")
        @PrinterColumn(name = "Name")
        public String name;
        @Required
        @Pattern("^[a-z][a-z0-9.-]{0,248}$")
        @PrinterColumn(name = "Channel")
        public String channel;
        /** The package in the chaincode repository. */
        @Required
        public PackageRef packageRef;
        @Required
        @PrinterColumn(name = "Version")
        public String version;
        @Required
        @Min(1)
        @PrinterColumn(name = "Sequence")
        public Long sequence;
        /** Signature policy text, or a channel policy reference; the channel's Endorsement policy when unset. */
        public String endorsementPolicy;
        /**
         * Private data collections, with the fields and names of Fabric's collection configuration
         * (collections_config.json); they go into the definition every organization approves.
         */
        @Size(max = 256)
        public List<PrivateDataCollection> collections;
        /** Chaincode server replicas per organization. */
        public Map<String, @Min(1) @Max(10) Integer> replicas;
    }

    /**
     * One private data collection, as Fabric's collections_config.json writes it. Counts left out
     * are 0, as in Fabric; {@code requiredPeerCount} may not exceed {@code maxPeerCount}.
     */
    @ValidationRule(value = "(has(self.requiredPeerCount) ? self.requiredPeerCount : 0) <= (has(self.maxPeerCount) ? self.maxPeerCount : 0)",
            message = "requiredPeerCount must not exceed maxPeerCount (0 when left out)")
    public static class PrivateDataCollection {
        /** Fabric's collection name rule (letters, digits, '-' and '_', not starting with '_'). */
        @Required
        @Pattern(COLLECTION_NAME)
        public String name;
        /** Which organizations are members and hold the data: a signature policy, e.g. {@code OR('Org1MSP.member', 'Org2MSP.member')}. */
        @Required
        public String policy;
        /** Peers the endorsing peer must disseminate the data to before it endorses. */
        @Min(0)
        public Integer requiredPeerCount;
        /** Peers the endorsing peer tries to disseminate the data to. */
        @Min(0)
        public Integer maxPeerCount;
        /** Blocks after which the data is purged; 0 keeps it for ever. */
        @Min(0)
        public Long blockToLive;
        /** Only members' clients may read the data. */
        public Boolean memberOnlyRead;
        /** Only members' clients may write the data. */
        public Boolean memberOnlyWrite;
        /** The collection's own endorsement policy, instead of the chaincode's. */
        public CollectionEndorsementPolicy endorsementPolicy;
    }

    /** A collection's endorsement policy: a signature policy, or a channel policy path (exactly one). */
    @ValidationRule(value = "has(self.signaturePolicy) != has(self.channelConfigPolicy)",
            message = "give exactly one of signaturePolicy and channelConfigPolicy")
    public static class CollectionEndorsementPolicy {
        /** e.g. {@code AND('Org1MSP.peer', 'Org2MSP.peer')}. */
        public String signaturePolicy;
        /** e.g. {@code /Channel/Application/Endorsement}. */
        public String channelConfigPolicy;
    }

    /** Fabric's rule for collection names (its lifecycle refuses others). */
    public static final String COLLECTION_NAME = "^[A-Za-z0-9-][A-Za-z0-9_-]*$";

    public static class PackageRef {
        @Required
        public String name;
        @Required
        public String version;
    }

    public static class Status {
        @PrinterColumn(name = "Phase")
        public String phase;
        public String packageId;
        public List<String> installedOn = new ArrayList<>();
        public List<String> approvedBy = new ArrayList<>();
        /** Organizations not approved because their admins have not consented to this definition (ApprovalConsentRequired). */
        public List<String> awaitingConsent = new ArrayList<>();
        public Boolean committed;
        public Long observedGeneration;
        public List<Condition> conditions = new ArrayList<>();
    }
}
