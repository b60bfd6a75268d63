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

/** A Fabric peer of one organization, in that organization's consortium namespace. */
@Group(BaasResource.GROUP)
@Version(BaasResource.VERSION)
@Kind("PeerNode")
@Plural("peernodes")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("peer")
public class PeerNode extends CustomResource<PeerNode.Spec, NodeStatus> implements Namespaced {

    public static class Spec {
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        @PrinterColumn(name = "Organization")
        public String organization;
        /** Fabric version of the image (hyperledger/fabric-peer:<version>); the platform default when unset. */
        @Pattern(BaasResource.VERSION_PATTERN)
        @PrinterColumn(name = "Version")
        public String version;
        public StateDatabase stateDatabase = StateDatabase.LEVELDB;
        public Storage storage;
        public ResourceRequirements resources;
        /** Extra names and IPs the node's TLS certificate must carry (an ingress host, a node port's address). */
        public java.util.List<String> extraHosts;
    }
}
