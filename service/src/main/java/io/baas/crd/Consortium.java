package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * A consortium of organizations sharing one Fabric network (cluster scope: it spans workspaces).
 * Each member lists the workspace that owns it, so "which consortia may workspace X see" is
 * answered from the consortium alone.
 */
@Group(BaasResource.GROUP)
@Version(BaasResource.VERSION)
@Kind("Consortium")
@Plural("consortia")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("cons")
// Its namespaces are <name>-<organization>: never in the platform's own (kube-*, kubesphere-*, openshift-*).
// The reconciler checks the same (ConsortiumNamespaces.refusal) for servers that do not run CEL.
@ValidationRule(value = "!['kube', 'kubesphere', 'openshift'].exists(p, self.metadata.name == p || self.metadata.name.startsWith(p + '-'))",
        message = "the consortium's namespaces (<name>-<organization>) would start with kube-, kubesphere- or openshift-, reserved for the platform")
public class Consortium extends CustomResource<Consortium.Spec, Consortium.Status> {

    // The generator reads descriptions from properties only; spec and status are the base class's.
    @Override
    @JsonPropertyDescription("The member organizations and the network the consortium declares for them.")
    public Spec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the service observed and made, written only by the service.")
    public Status getStatus() {
        return super.getStatus();
    }

    public static class Spec {
        @JsonPropertyDescription("A human-readable name for consoles; not used by Fabric.")
        public String displayName;
        /** The organization that created the consortium (盟主). */
        @JsonPropertyDescription("The organization that created the consortium (the leader); its consortium namespace holds the consortium's Channels and Chaincodes, and it runs the ordering service unless orderingService.organization names another.")
        @Required
        public Member leader;
        /** Every member organization, the leader included. */
        @JsonPropertyDescription("Every member organization, the leader included. Each gets its own namespace <consortium>-<organization>; an organization removed from the list loses its namespace.")
        @Required
        public List<Member> members = new ArrayList<>();
        @JsonPropertyDescription("The Fabric release of the nodes the consortium declares (e.g. 2.5.5, the image tag); the platform default when unset.")
        @Pattern(BaasResource.VERSION_PATTERN)
        @PrinterColumn(name = "Fabric")
        public String fabricVersion;
        @JsonPropertyDescription("The ordering service the consortium declares; no orderer nodes are declared when unset.")
        public OrderingService orderingService;
        @JsonPropertyDescription("Where the consortium's declared nodes go.")
        public Placement placement;
    }

    /** The consortium's ordering service: etcdraft now; BFT (Fabric 3) later. */
    public static class OrderingService {
        @JsonPropertyDescription("The consensus type; only etcdraft (the default) for now.")
        @Pattern("^etcdraft$")
        public String type = "etcdraft";
        /** Raft wants an odd number of consenters. */
        @JsonPropertyDescription("How many OrdererNodes (orderer0, orderer1, ...) the consortium declares, 1 to 7, default 3; Raft wants an odd number. Orderers are removed only while the consortium has no channel.")
        @Min(1)
        @Max(7)
        public Integer nodes = 3;
        /** The organization that runs it; the leader when unset. */
        @JsonPropertyDescription("The member organization that runs the ordering service, in its namespace; the leader when unset.")
        @Pattern(BaasResource.DNS_LABEL)
        public String organization;
    }

    /** Where the consortium's nodes go. */
    public static class Placement {
        @JsonPropertyDescription("The StorageClass for the ledger volumes of the nodes the consortium declares; the platform default when unset.")
        public String storageClassName;
        /** A KubeSphere member cluster; the host cluster when unset. */
        @JsonPropertyDescription("A KubeSphere member cluster for the consortium; the host cluster when unset. Not acted on yet: the service runs the nodes in its own cluster.")
        public String cluster;
    }

    public static class Member {
        @JsonPropertyDescription("The Organization's name.")
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        public String organization;
        @JsonPropertyDescription("The KubeSphere workspace that owns the organization; it decides which workspaces see the consortium.")
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        public String workspace;
        /** Peers the consortium runs for this member (peer0, peer1, ...); the member may add its own besides. */
        @JsonPropertyDescription("How many PeerNodes (peer0, peer1, ...) the consortium runs for this member, 0 to 8; lowering it removes the highest numbers. The member may add peers of its own, which the consortium never removes.")
        @Min(0)
        @Max(8)
        public Integer peers;

        public Member() {
        }

        public Member(String organization, String workspace) {
            this.organization = organization;
            this.workspace = workspace;
        }
    }

    public static class Status implements ObservedStatus {
        @JsonPropertyDescription("Ready when the members' namespaces, NetworkPolicies and declared nodes are in place; Degraded when the last pass failed (the conditions say why).")
        @PrinterColumn(name = "Phase")
        public Phase phase;
        /**
         * Each member's namespace for this consortium (organization to namespace), recorded when the
         * service made it: the only namespaces the consortium patches, writes into or deletes, and the
         * record of which organization a namespace belongs to (never its labels).
         */
        @JsonPropertyDescription("Each member's namespace for this consortium (organization to namespace), recorded when the service made it: the only namespaces the consortium patches, writes into or deletes, and the record of which organization a namespace belongs to (never its labels). Written only by the service.")
        public java.util.Map<String, String> namespaces;
        @JsonPropertyDescription("The metadata.generation of the spec the last pass acted on.")
        public Long observedGeneration;

        @Override
        public void observe(long generation) {
            observedGeneration = generation;
        }

        /** The phases of the status, as written (kubectl and the console show these words). */
        public enum Phase {
            @JsonProperty("Ready")
            READY,
            @JsonProperty("Degraded")
            DEGRADED;
        }

        @JsonPropertyDescription("Ready, Progressing and Degraded conditions with reasons (e.g. NamespaceConflict, ReservedNamespace, OrderersInUse), as the last pass found the consortium.")
        public List<Condition> conditions = new ArrayList<>();
    }

    /** True when the workspace owns the leader or any member organization. */
    public boolean involvesWorkspace(String workspace) {
        Spec spec = getSpec();
        if (spec == null || workspace == null) {
            return false;
        }
        if (spec.leader != null && workspace.equals(spec.leader.workspace)) {
            return true;
        }
        return spec.members != null && spec.members.stream().anyMatch(m -> workspace.equals(m.workspace));
    }
}
