package io.baas.crd;

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

    public static class Spec {
        public String displayName;
        /** The organization that created the consortium (盟主). */
        @Required
        public Member leader;
        /** Every member organization, the leader included. */
        @Required
        public List<Member> members = new ArrayList<>();
        @Pattern(BaasResource.VERSION_PATTERN)
        @PrinterColumn(name = "Fabric")
        public String fabricVersion;
        public OrderingService orderingService;
        public Placement placement;
    }

    /** The consortium's ordering service: etcdraft now; BFT (Fabric 3) later. */
    public static class OrderingService {
        @Pattern("^etcdraft$")
        public String type = "etcdraft";
        /** Raft wants an odd number of consenters. */
        @Min(1)
        @Max(7)
        public Integer nodes = 3;
        /** The organization that runs it; the leader when unset. */
        @Pattern(BaasResource.DNS_LABEL)
        public String organization;
    }

    /** Where the consortium's nodes go. */
    public static class Placement {
        public String storageClassName;
        /** A KubeSphere member cluster; the host cluster when unset. */
        public String cluster;
    }

    public static class Member {
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        public String organization;
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        public String workspace;
        /** Peers the consortium runs for this member (peer0, peer1, ...); the member may add its own besides. */
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

    public static class Status {
        @PrinterColumn(name = "Phase")
        public String phase;
        /**
         * Each member's namespace for this consortium (organization to namespace), recorded when the
         * service made it: the only namespaces the consortium patches, writes into or deletes, and the
         * record of which organization a namespace belongs to (never its labels).
         */
        public java.util.Map<String, String> namespaces;
        public Long observedGeneration;
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
