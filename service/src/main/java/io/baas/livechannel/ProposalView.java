package io.baas.livechannel;

import java.util.List;

/**
 * A proposal as the channel's organizations see it.
 *
 * @param kind AddOrganization, RemoveOrganization, Batch or Policies
 * @param changes the config elements the update changes
 * @param requiredPolicies the mod policies it must satisfy, e.g. /Channel/Application/Admins
 * @param missingPolicies those its signatures do not satisfy yet
 * @param signers the organizations whose admins' signatures count
 * @param awaiting those of them that have not decided (while it is open)
 * @param state Open, Submitting, Submitted, Rejected, Expired or Superseded
 */
public record ProposalView(String id, String channel, String kind, String summary, List<String> changes, String proposedBy,
                           String state, String stateReason, long baseSequence, Long submittedSequence,
                           List<String> requiredPolicies, List<String> missingPolicies, List<String> signers,
                           List<String> awaiting, List<Decision> decisions, String createdBy, String createTime,
                           String expireTime, String closeTime) {

    /** One organization's decision: Signed (HeldKey or Uploaded) or Rejected. */
    public record Decision(String organization, String mspId, String decision, String method, String reason, String actor,
                           String time) {
    }
}
