package io.baas.crd;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
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
        /** Private data collections, as Fabric's collection config JSON. */
        public List<Map<String, Object>> collections;
        /** Chaincode server replicas per organization. */
        public Map<String, @Min(1) @Max(10) Integer> replicas;
    }

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
