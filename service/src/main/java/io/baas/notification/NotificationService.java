package io.baas.notification;

import io.baas.consortium.InvitationService;
import io.baas.consortium.InvitationState;
import io.baas.consortium.InvitationView;
import io.baas.crd.Organization;
import io.baas.livechannel.ProposalService;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What awaits a workspace's decision: the invitations it received that are still pending and the
 * open proposals its organizations are asked to sign (expired ones drop out as they expire),
 * newest first.
 */
@ApplicationScoped
public class NotificationService {

    static final String INVITATION = "Invitation";
    static final String PROPOSAL = "Proposal";
    private static final String PENDING = InvitationView.word(InvitationState.PENDING);

    private final InvitationService invitations;
    private final ProposalService proposals;
    private final KubernetesClient client;

    NotificationService(InvitationService invitations, ProposalService proposals, KubernetesClient client) {
        this.invitations = invitations;
        this.proposals = proposals;
        this.client = client;
    }

    public List<Notification> awaiting(String workspace) {
        List<Notification> awaiting = new ArrayList<>(invitations.list(workspace).stream()
                .filter(i -> i.direction().equals(InvitationView.RECEIVED) && i.state().equals(PENDING))
                .map(i -> new Notification(INVITATION, i.id(), i.consortium(), i.organization(),
                        i.invitingWorkspace() + " invites " + i.organization() + " into consortium " + i.consortium() + ".",
                        "/workspaces/" + workspace + "/invitations/" + i.id(), i.createTime(), i.expireTime()))
                .toList());
        for (Organization organization : client.resources(Organization.class).list().getItems()) {
            if (organization.getSpec() == null || !workspace.equals(organization.getSpec().workspace)) {
                continue;
            }
            proposals.awaiting(organization).forEach(p -> awaiting.add(new Notification(PROPOSAL, p.id(), p.consortium(), p.organization(),
                    p.summary() + ": " + p.organization() + " is asked to sign.",
                    "/namespaces/" + p.namespace() + "/channels/" + p.channel() + "/proposals/" + p.id(), p.createTime(), p.expireTime())));
        }
        awaiting.sort(Comparator.comparing(Notification::createTime).reversed());
        return awaiting;
    }
}
