package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One node of a consortium's ordering service, in the namespace of the organization that runs it. */
@Group(BaasResource.GROUP)
@Version(BaasResource.VERSION)
@Kind("OrdererNode")
@Plural("orderernodes")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("orderer")
public class OrdererNode extends CustomResource<OrdererNode.Spec, NodeStatus> implements Namespaced {

    // The generator reads descriptions from properties only; spec and status are the base class's.
    @Override
    @JsonPropertyDescription("The orderer's organization, consortium, image version, storage and resources.")
    public Spec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the orderer reports, including what others need to reach and trust it; written only by the service.")
    public NodeStatus getStatus() {
        return super.getStatus();
    }

    public static class Spec {
        @JsonPropertyDescription("The Organization the node belongs to; it must be the organization the consortium recorded for this namespace.")
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        @PrinterColumn(name = "Organization")
        public String organization;
        @JsonPropertyDescription("The Consortium whose ordering service the node is part of.")
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        @PrinterColumn(name = "Consortium")
        public String consortium;
        @JsonPropertyDescription("The Fabric release of the image (hyperledger/fabric-orderer:<version>), e.g. 2.5.5; the platform default when unset.")
        @Pattern(BaasResource.VERSION_PATTERN)
        @PrinterColumn(name = "Version")
        public String version;
        @JsonPropertyDescription("The ledger volume, a PersistentVolumeClaim (never hostPath); the platform's size and StorageClass when unset.")
        public Storage storage;
        @JsonPropertyDescription("CPU and memory requests and limits of the orderer container; the platform default when unset.")
        public ResourceRequirements resources;
        @JsonPropertyDescription("Extra DNS names and IP addresses the node's TLS certificate carries (an ingress host, a node port's address).")
        public java.util.List<String> extraHosts;
    }
}
