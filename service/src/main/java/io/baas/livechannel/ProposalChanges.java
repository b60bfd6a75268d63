package io.baas.livechannel;

import io.baas.consortium.ChannelService;
import io.baas.consortium.NewChannel;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A proposal's change applied to a copy of the Channel resource, checked, with a summary people read. */
final class ProposalChanges {

    private ProposalChanges() {
    }

    /** Changes {@code changed} as the request asks; the summary; 400 for a change that cannot be. */
    static String apply(ProposalKind kind, NewProposal request, Channel changed, Consortium consortium,
                        Function<String, Organization> organizations) {
        Channel.Spec spec = changed.getSpec();
        return switch (kind) {
            case ADD_ORGANIZATION -> {
                String name = required(request.organization(), "body.organization", "names the organization to add");
                if (consortium.getSpec().members.stream().noneMatch(m -> name.equals(m.organization))) {
                    throw invalid("Organization " + name + " is not a member of consortium " + consortium.getMetadata().getName() + ".",
                            "body.organization", "not a member of the consortium");
                }
                if (spec.organizations.contains(name)) {
                    throw invalid("Organization " + name + " is already on channel " + spec.channelId + ".", "body.organization",
                            "already on the channel");
                }
                Organization organization = organizations.apply(name);
                if (organization.getStatus() == null || organization.getStatus().caCertificate == null) {
                    throw DomainException.conflict("Organization " + name + " has no CA yet; propose it once it is ready.");
                }
                spec.organizations = new ArrayList<>(spec.organizations);
                spec.organizations.add(name);
                yield "Add organization " + name + " (" + organization.getSpec().mspId + ") to channel " + spec.channelId;
            }
            case REMOVE_ORGANIZATION -> {
                String name = required(request.organization(), "body.organization", "names the organization to remove");
                if (!spec.organizations.contains(name)) {
                    throw invalid("Organization " + name + " is not on channel " + spec.channelId + ".", "body.organization",
                            "not on the channel");
                }
                if (spec.organizations.size() == 1) {
                    throw invalid("Channel " + spec.channelId + " keeps at least one organization.", "body.organization",
                            "the channel's last organization");
                }
                spec.organizations = new ArrayList<>(spec.organizations);
                spec.organizations.remove(name);
                if (spec.anchorPeers != null) {
                    spec.anchorPeers = new LinkedHashMap<>(spec.anchorPeers);
                    spec.anchorPeers.remove(name);
                }
                yield "Remove organization " + name + " from channel " + spec.channelId;
            }
            case BATCH -> {
                if (request.batch() == null) {
                    throw invalid("A Batch proposal gives the new block cutting settings.", "body.batch", "required for Batch");
                }
                Channel.Batch before = ChannelService.batch(spec.batch, new NewChannel.BlockCutting(null, null, null, null));
                spec.batch = ChannelService.batch(spec.batch, request.batch());
                yield "Block cutting of channel " + spec.channelId + ": timeout " + before.timeout + " → " + spec.batch.timeout
                        + ", at most " + before.maxMessageCount + " → " + spec.batch.maxMessageCount + " transactions, "
                        + before.absoluteMaxBytes + " → " + spec.batch.absoluteMaxBytes + " bytes largest, "
                        + before.preferredMaxBytes + " → " + spec.batch.preferredMaxBytes + " bytes preferred";
            }
            case CAPABILITIES -> {
                if (request.capabilities() == null) {
                    throw invalid("A Capabilities proposal gives the levels to raise.", "body.capabilities", "required for Capabilities");
                }
                Channel.Capabilities before = spec.capabilities == null ? new Channel.Capabilities() : spec.capabilities;
                spec.capabilities = ChannelService.capabilities(before, request.capabilities());
                yield "Capability levels of channel " + spec.channelId + ": channel " + before.channel + " → " + spec.capabilities.channel
                        + ", orderer " + before.orderer + " → " + spec.capabilities.orderer + ", application " + before.application
                        + " → " + spec.capabilities.application;
            }
            case POLICIES -> {
                if (request.policies() == null || request.policies().isEmpty()) {
                    throw invalid("A Policies proposal gives at least one policy.", "body.policies", "required for Policies");
                }
                Map<String, String> policies = spec.policies == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.policies);
                List<String> described = new ArrayList<>();
                ChannelService.policies(request.policies()).forEach((path, rule) -> {
                    described.add(path + ": " + (policies.containsKey(path) ? policies.get(path) : "default") + " → " + rule);
                    policies.put(path, rule);
                });
                spec.policies = policies;
                yield "Policies of channel " + spec.channelId + ": " + String.join("; ", described);
            }
        };
    }

    private static String required(String value, String field, String what) {
        if (value == null) {
            throw invalid("The proposal " + what + ".", field, "required for this kind");
        }
        return value;
    }

    private static DomainException invalid(String message, String field, String detail) {
        return DomainException.invalid(message, List.of(new FieldError(field, detail)));
    }
}
