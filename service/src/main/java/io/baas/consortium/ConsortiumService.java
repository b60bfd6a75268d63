package io.baas.consortium;

import io.baas.config.BaasConfig;
import io.baas.config.RuntimeKind;
import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.iam.Caller;
import io.baas.k8s.Creates;
import io.baas.k8s.build.ConsortiumNamespaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Consortia (联盟): formed by a workspace with one of its organizations leading, read by the
 * workspaces whose organizations lead or belong to them (404 for anyone else), deleted by the
 * leader's workspace. The API writes the Consortium; its reconciler makes the namespaces and nodes.
 */
@ApplicationScoped
public class ConsortiumService {

    private static final Logger LOG = Logger.getLogger(ConsortiumService.class);
    static final int DEFAULT_ORDERERS = 3;
    static final int DEFAULT_PEERS = 1;

    private final KubernetesClient client;
    private final BaasConfig config;
    private final InvitationService invitations;

    ConsortiumService(KubernetesClient client, BaasConfig config, InvitationService invitations) {
        this.client = client;
        this.config = config;
        this.invitations = invitations;
    }

    public List<Consortium> all() {
        return client.resources(Consortium.class).list().getItems();
    }

    /** The consortia that the workspace leads or belongs to, through the organizations it owns. */
    public List<Consortium> involving(String workspace) {
        return all().stream().filter(c -> c.involvesWorkspace(workspace)).toList();
    }

    /** The consortium, if the workspace leads it or belongs to it; 404 otherwise, as for one that does not exist. */
    public Consortium get(String workspace, String name) {
        Consortium consortium = client.resources(Consortium.class).withName(name).get();
        if (consortium == null || !consortium.involvesWorkspace(workspace)) {
            throw DomainException.notFound("Consortium " + name + " does not exist.");
        }
        return consortium;
    }

    /** Forms a consortium led by one of the workspace's organizations; nothing is written when a check fails. */
    public ConsortiumCreated create(String workspace, NewConsortium request) {
        Organization leader = client.resources(Organization.class).withName(request.organization()).get();
        if (leader == null || leader.getSpec() == null || !workspace.equals(leader.getSpec().workspace)) {
            throw DomainException.notFound("Workspace " + workspace + " has no organization " + request.organization() + ".");
        }
        List<String> notices = new ArrayList<>();
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(request.name());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BaasResource.WORKSPACE_LABEL, workspace);
        labels.put("app.kubernetes.io/managed-by", "ks-baas");
        consortium.getMetadata().setLabels(labels);
        Consortium.Spec spec = new Consortium.Spec();
        spec.displayName = request.displayName();
        spec.leader = new Consortium.Member(request.organization(), workspace);
        Consortium.Member member = new Consortium.Member(request.organization(), workspace);
        member.peers = request.peersPerMember() == null ? DEFAULT_PEERS : request.peersPerMember();
        spec.members.add(member);
        spec.fabricVersion = request.fabricVersion();
        spec.orderingService = new Consortium.OrderingService();
        spec.orderingService.nodes = orderers(request.orderers(), notices);
        if (request.storageClassName() != null) {
            spec.placement = new Consortium.Placement();
            spec.placement.storageClassName = request.storageClassName();
        }
        consortium.setSpec(spec);

        String refusal = ConsortiumNamespaces.refusal(consortium);
        if (refusal != null) {
            throw DomainException.invalid(refusal + ".", List.of(new FieldError("body.name",
                    "with organization " + request.organization() + " would make a namespace the platform refuses")));
        }
        String namespace = ConsortiumNamespaces.namespaceName(request.name(), request.organization());
        if (client.namespaces().withName(namespace).get() != null) {
            throw DomainException.conflict("Namespace " + namespace + ", which the consortium would make for " + request.organization()
                    + ", already exists; choose another consortium name.");
        }
        Consortium created = Creates.orConflict(() -> client.resources(Consortium.class).resource(consortium).create(),
                "A consortium named " + request.name() + " already exists.");
        LOG.infof("Consortium %s formed by workspace %s, led by %s.", request.name(), workspace, request.organization());
        return new ConsortiumCreated(created, List.copyOf(notices));
    }

    /** The sandbox runs independent single-node chains: more orderers would not form one ordering service. */
    int orderers(Integer asked, List<String> notices) {
        int wanted = asked == null ? DEFAULT_ORDERERS : asked;
        if (config.runtime().nodes() == RuntimeKind.SANDBOX && wanted > 1) {
            if (asked != null) {
                notices.add("The sandbox runtime has no consensus between orderers: the ordering service has 1 orderer, not "
                        + asked + ".");
            }
            return 1;
        }
        return wanted;
    }

    /**
     * Deletes the consortium (its reconciler removes its namespaces and nodes); only its leader's
     * workspace may, and only once no other member remains unless forced. Open invitations into it are withdrawn.
     */
    public void delete(String workspace, String name, boolean force, Caller caller) {
        Consortium consortium = get(workspace, name);
        if (consortium.getSpec().leader == null || !workspace.equals(consortium.getSpec().leader.workspace)) {
            throw DomainException.forbidden("Only the workspace of consortium " + name + "'s leader deletes it.");
        }
        List<String> others = consortium.getSpec().members.stream()
                .map(m -> m.organization)
                .filter(organization -> !organization.equals(consortium.getSpec().leader.organization))
                .toList();
        if (!others.isEmpty() && !force) {
            throw DomainException.conflict("Consortium " + name + " still has members " + others
                    + "; delete it with ?force=true to remove their namespaces and nodes too.");
        }
        invitations.withdrawOpen(consortium.getMetadata().getUid(), caller);
        client.resources(Consortium.class).withName(name).delete();
        LOG.infof("Consortium %s deleted by %s (workspace %s)%s.", name, caller.username(), workspace, force ? ", forced" : "");
    }
}
