package io.baas.crd;

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
@ShortNames("cons")
public class Consortium extends CustomResource<Consortium.Spec, Consortium.Status> {

    public static class Spec {
        public String displayName;
        /** The organization that created the consortium (盟主). */
        public Member leader;
        /** Every member organization, the leader included. */
        public List<Member> members = new ArrayList<>();
        public String fabricVersion;
    }

    public static class Member {
        public String organization;
        public String workspace;

        public Member() {
        }

        public Member(String organization, String workspace) {
            this.organization = organization;
            this.workspace = workspace;
        }
    }

    public static class Status {
        public String phase;
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
