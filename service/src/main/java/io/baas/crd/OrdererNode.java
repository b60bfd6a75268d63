package io.baas.crd;

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

    public static class Spec {
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        @PrinterColumn(name = "Organization")
        public String organization;
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        @PrinterColumn(name = "Consortium")
        public String consortium;
        @Pattern(BaasResource.VERSION_PATTERN)
        @PrinterColumn(name = "Version")
        public String version;
        public Storage storage;
        public ResourceRequirements resources;
        public java.util.List<String> extraHosts;
    }
}
