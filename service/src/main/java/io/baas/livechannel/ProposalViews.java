package io.baas.livechannel;

import io.baas.crd.CamelCase;
import io.baas.fabric.admin.PendingConfigUpdate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Proposals as the API shows them: organizations by name where the consortium knows the MSP ID. */
final class ProposalViews {

    private ProposalViews() {
    }

    static ProposalView of(ProposalEntity proposal, PendingConfigUpdate pending, List<DecisionEntity> decisions, Map<String, String> names) {
        List<String> signers = pending.eligibleSigners().stream().map(msp -> names.getOrDefault(msp, msp)).toList();
        Set<String> decided = decisions.stream().map(d -> d.organization).collect(Collectors.toSet());
        List<String> awaiting = proposal.state == ProposalState.OPEN ? signers.stream().filter(s -> !decided.contains(s)).toList() : List.of();
        List<ProposalView.Decision> history = decisions.stream().map(d -> new ProposalView.Decision(d.organization, d.mspId,
                DecisionEntity.SIGNED.equals(d.decision) ? "Signed" : "Rejected", d.method, d.reason, d.actor, instant(d.decidedAt))).toList();
        return new ProposalView(proposal.id.toString(), proposal.channelName, CamelCase.of(proposal.kind), proposal.summary,
                proposal.changes.isEmpty() ? List.of() : List.of(proposal.changes.split("\n")), proposal.proposedBy, CamelCase.of(proposal.state),
                proposal.stateReason, proposal.baseSequence, proposal.submittedSequence, pending.requiredPolicies(),
                proposal.state == ProposalState.SUBMITTED ? List.of() : pending.missingPolicies(), signers, awaiting, history,
                proposal.createdBy, instant(proposal.createdAt), instant(proposal.expiresAt), instant(proposal.closedAt));
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
