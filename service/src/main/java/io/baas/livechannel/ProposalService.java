package io.baas.livechannel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.config.BaasConfig;
import io.baas.consortium.ChannelService;
import io.baas.consortium.NamespaceOwners;
import io.baas.crd.CamelCase;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.fabric.admin.PendingConfigUpdate;
import io.baas.fabric.admin.PendingConfigUpdateFile;
import io.baas.fabric.configtx.ChannelConfigException;
import io.baas.iam.Caller;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.reconcile.ChannelConfigs;
import io.baas.store.Db;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.jboss.logging.Logger;

/**
 * Proposals (提案): config changes of a live channel that need more than one organization's
 * signature. A member proposes from its consortium namespace; the update is computed on the
 * channel's config as the Channel resource with the change would describe it (so once accepted
 * the reconciler has nothing left to do); the organizations its mod policies name decide, each
 * once: sign with their platform-held admin (audited as a key use with the proposal and the user),
 * upload a signature made elsewhere with the CLI (verified against the channel's MSPs before it is
 * kept), or reject. The decision that meets the policies submits it, and the Channel resource
 * then records the change. A proposal whose channel config moved on is Superseded; one not
 * decided in time Expired; one that too many refused, Rejected.
 *
 * <p>Found by the channel the asking namespace's organization is on and by ID; anyone else gets
 * 404. Every change of state is a conditional update: of two racing, one wins.
 */
@ApplicationScoped
public class ProposalService {

    private static final Logger LOG = Logger.getLogger(ProposalService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EDIT_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final ChannelService channels;
    private final NamespaceOwners owners;
    private final ChannelConfigs configs;
    private final BaasConfig config;
    private final Clock clock = Clock.systemUTC();

    ProposalService(KubernetesClient client, ChannelService channels, NamespaceOwners owners, ChannelConfigs configs, BaasConfig config) {
        this.client = client;
        this.channels = channels;
        this.owners = owners;
        this.configs = configs;
        this.config = config;
    }

    /** The channel's proposals, newest first. */
    public List<ProposalView> list(String namespace, String channelName) {
        Channel channel = channels.channel(namespace, channelName);
        List<ProposalEntity> proposals = Db.read(() -> ProposalEntity.<ProposalEntity>list(
                "channelUid = ?1 order by createdAt desc", channel.getMetadata().getUid()));
        Map<String, String> names = organizationNames(channel);
        return proposals.stream().map(p -> settle(p, channel))
                .map(p -> ProposalViews.of(p, pending(p), decisions(p.id), names)).toList();
    }

    public ProposalView get(String namespace, String channelName, String id) {
        Channel channel = channels.channel(namespace, channelName);
        return view(settle(find(channel, id), channel), channel);
    }

    /** The update with the signatures so far, as the CLI's pending update file: what an organization signs elsewhere. */
    public byte[] updateFile(String namespace, String channelName, String id) {
        Channel channel = channels.channel(namespace, channelName);
        return PendingConfigUpdateFile.write(pending(find(channel, id)));
    }

    /** A member of the channel proposes a change; 400 when it changes nothing or is not a valid change. */
    public ProposalView propose(String namespace, String channelName, NewProposal request, Caller caller) {
        Channel channel = channels.channel(namespace, channelName);
        NamespaceOwners.Owner owner = owners.require(namespace);
        if (channel.getStatus() == null || channel.getStatus().configSequence == null) {
            throw DomainException.conflict("Channel " + channelName + " is not live yet (phase "
                    + (channel.getStatus() == null ? "none" : channel.getStatus().phase) + "): its genesis block is its config until then.");
        }
        ProposalKind kind = request.parsedKind();
        Channel changed = Serialization.clone(channel);
        String summary = ProposalChanges.apply(kind, request, changed, owner.consortium(), this::organization);
        PendingConfigUpdate pending = configs.update(changed).orElseThrow(() -> DomainException.invalid(
                "The proposal changes nothing in channel " + channel.getSpec().channelId + "'s config.",
                List.of(new FieldError("body", "already the channel's config"))));
        OffsetDateTime now = now();
        ProposalEntity proposal = new ProposalEntity();
        proposal.id = UUID.randomUUID();
        proposal.consortium = channel.getSpec().consortium;
        proposal.channelNamespace = channel.getMetadata().getNamespace();
        proposal.channelName = channel.getMetadata().getName();
        proposal.channelUid = channel.getMetadata().getUid();
        proposal.channelId = channel.getSpec().channelId;
        proposal.proposedBy = owner.organization();
        proposal.kind = kind;
        proposal.summary = summary;
        proposal.changes = String.join("\n", pending.scope().changed());
        proposal.specAfter = json(changed.getSpec());
        proposal.baseSequence = pending.current().getSequence();
        proposal.config = pending.snapshot().config().toByteArray();
        proposal.configUpdate = pending.snapshot().envelope().toByteArray();
        proposal.state = ProposalState.OPEN;
        proposal.createdBy = caller.username();
        proposal.createdAt = now;
        proposal.expiresAt = now.plus(config.consortia().proposalTtl());
        Db.inTransaction(proposal::persist);
        LOG.infof("%s (organization %s) proposed for channel %s: %s", caller.username(), owner.organization(), proposal.channelId, summary);
        return view(proposal, channel);
    }

    /** The asking namespace's organization decides once: sign (held key or uploaded signature) or reject. */
    public ProposalView decide(String namespace, String channelName, ProposalDecision request, Caller caller) {
        Channel channel = channels.channel(namespace, channelName);
        ProposalEntity proposal = settle(find(channel, request.proposal()), channel);
        Organization organization = organization(owners.require(namespace).organization());
        String mspId = organization.getSpec().mspId;
        requireOpen(proposal);
        PendingConfigUpdate pending = pending(proposal);
        if (!pending.eligibleSigners().contains(mspId)) {
            throw DomainException.forbidden("Organization " + organization.getMetadata().getName() + " (" + mspId
                    + ") is not among those whose signatures this proposal needs: " + pending.eligibleSigners() + ".");
        }
        if (decided(proposal, organization) && pending.missingPolicies().isEmpty()) {
            // Fully signed but not submitted (the orderer failed, or the service stopped): a signer submits it again.
            requireCurrent(proposal, channel);
            submitWhenSigned(proposal, channel, organization, caller);
            return view(reload(proposal.id), channel);
        }
        requireUndecided(proposal, organization);
        requireCurrent(proposal, channel);
        DecisionEntity decision = new DecisionEntity();
        decision.proposalId = proposal.id;
        decision.organization = organization.getMetadata().getName();
        decision.mspId = mspId;
        decision.actor = caller.username();
        decision.decidedAt = now();
        if (request.rejects()) {
            decision.decision = DecisionEntity.REJECTED;
            decision.reason = request.reason();
            insert(decision);
            closeIfUnreachable(proposal);
        } else {
            decision.decision = DecisionEntity.SIGNED;
            decision.method = request.signedUpdate() == null ? DecisionEntity.HELD_KEY : DecisionEntity.UPLOADED;
            decision.signature = (request.signedUpdate() == null ? heldKeySignature(proposal, pending, organization, caller)
                    : uploadedSignature(pending, request.signedUpdate(), mspId)).toByteArray();
            insert(decision);
            submitWhenSigned(proposal, channel, organization, caller);
        }
        return view(reload(proposal.id), channel);
    }

    /** The open proposals that await the organization's decision, across the channels it is on. */
    public List<Awaiting> awaiting(Organization organization) {
        List<ProposalEntity> open = Db.read(() -> ProposalEntity.<ProposalEntity>list(
                "state = ?1 and expiresAt > ?2 order by createdAt", ProposalState.OPEN, now()));
        List<Awaiting> waiting = new ArrayList<>();
        String name = organization.getMetadata().getName();
        for (ProposalEntity proposal : open) {
            Channel channel = client.resources(Channel.class).inNamespace(proposal.channelNamespace).withName(proposal.channelName).get();
            if (channel == null || !proposal.channelUid.equals(channel.getMetadata().getUid())
                    || !channel.getSpec().organizations.contains(name)
                    || !pending(proposal).eligibleSigners().contains(organization.getSpec().mspId)
                    || decisions(proposal.id).stream().anyMatch(d -> d.organization.equals(name))) {
                continue;
            }
            Consortium consortium = client.resources(Consortium.class).withName(proposal.consortium).get();
            String namespace = consortium == null || consortium.getStatus() == null || consortium.getStatus().namespaces == null
                    ? null : consortium.getStatus().namespaces.get(name);
            if (namespace != null) {
                waiting.add(new Awaiting(proposal.id.toString(), proposal.consortium, name, namespace, proposal.channelName, proposal.summary,
                        proposal.createdAt.toInstant().toString(), proposal.expiresAt.toInstant().toString()));
            }
        }
        return waiting;
    }

    /** A proposal waiting for an organization, and the namespace from which it decides. */
    public record Awaiting(String id, String consortium, String organization, String namespace, String channel, String summary, String createTime,
                           String expireTime) {
    }

    private ConfigSignature heldKeySignature(ProposalEntity proposal, PendingConfigUpdate pending, Organization organization,
                                             Caller caller) {
        PendingConfigUpdate signed = configs.sign(pending, organization, new KeyUse(organization.getMetadata().getName(),
                ChannelConfigs.platformAdmin(), KeyAction.SIGN_CONFIG_UPDATE, caller.username(), resource(proposal),
                "sign proposal " + proposal.id + " of channel " + proposal.channelId + ": " + proposal.summary));
        return signed.signatures().get(signed.signatures().size() - 1);
    }

    /**
     * The organization's signature from an uploaded pending update file: the file must carry this
     * proposal's update, and each signature it adds must verify, be made by an identity of one of
     * the channel's organizations, and be the asking organization's own.
     */
    private static ConfigSignature uploadedSignature(PendingConfigUpdate pending, com.fasterxml.jackson.databind.JsonNode file, String mspId) {
        PendingConfigUpdate uploaded;
        try {
            uploaded = PendingConfigUpdateFile.read(JSON.writeValueAsBytes(file));
        } catch (ChannelConfigException | JsonProcessingException e) {
            throw uploadRefused("signedUpdate is not a pending config update file: " + e.getMessage());
        }
        if (!uploaded.updateBytes().equals(pending.updateBytes())) {
            throw uploadRefused("signedUpdate carries another update than this proposal's: sign the file this proposal's update download gives.");
        }
        Set<ByteString> known = new HashSet<>();
        pending.signatures().forEach(s -> known.add(s.toByteString()));
        ConfigSignature own = null;
        for (ConfigSignature signature : uploaded.signatures()) {
            if (!known.add(signature.toByteString())) {
                continue;
            }
            try {
                pending.withImportedSignature(signature);
            } catch (ChannelConfigException e) {
                throw uploadRefused("A signature in signedUpdate is refused: " + e.getMessage() + ".");
            }
            String signer = signerMsp(signature);
            if (!signer.equals(mspId)) {
                throw uploadRefused("signedUpdate holds a new signature of " + signer + "; upload only your organization's (" + mspId + ").");
            }
            if (!pending.isAdminSignature(signature)) {
                throw uploadRefused("A signature in signedUpdate is not an admin's of " + mspId + ": only admins' signatures count"
                        + " towards a channel's mod policies.");
            }
            own = own == null ? signature : own;
        }
        if (own == null) {
            throw uploadRefused("signedUpdate holds no new signature: sign it with your organization's admin first (channel update sign).");
        }
        return own;
    }

    private static DomainException uploadRefused(String message) {
        return DomainException.invalid(message, List.of(new FieldError("body.signedUpdate", message)));
    }

    private static String signerMsp(ConfigSignature signature) {
        try {
            return SerializedIdentity.parseFrom(SignatureHeader.parseFrom(signature.getSignatureHeader()).getCreator()).getMspid();
        } catch (InvalidProtocolBufferException e) {
            throw uploadRefused("A signature's header does not decode: " + e.getMessage());
        }
    }

    /**
     * Submits the proposal once its signatures meet the policies: claims the one submission
     * (OPEN to SUBMITTING), submits as the deciding organization's admin, records SUBMITTED, then
     * writes the change into the Channel resource. A refused or failed submission gives the
     * proposal back (OPEN, with why) unless the channel moved on meanwhile (SUPERSEDED).
     */
    private void submitWhenSigned(ProposalEntity proposal, Channel channel, Organization submitter, Caller caller) {
        PendingConfigUpdate signed = pending(proposal);
        if (!signed.missingPolicies().isEmpty()) {
            return;
        }
        if (!claimSubmission(proposal.id)) {
            return;
        }
        long sequence;
        try {
            sequence = configs.submit(channel, signed, submitter, new KeyUse(submitter.getMetadata().getName(), ChannelConfigs.platformAdmin(),
                    KeyAction.SIGN_CONFIG_UPDATE, caller.username(), resource(proposal),
                    "submit proposal " + proposal.id + " of channel " + proposal.channelId + ": " + proposal.summary));
        } catch (RuntimeException e) {
            boolean movedOn = configSequence(channel).map(s -> s != proposal.baseSequence).orElse(false);
            transition(proposal.id, ProposalState.SUBMITTING, movedOn ? ProposalState.SUPERSEDED : ProposalState.OPEN,
                    (movedOn ? "The channel's config moved on before it was submitted: " : "Submission failed: ") + e.getMessage(), null);
            throw e;
        }
        transition(proposal.id, ProposalState.SUBMITTING, ProposalState.SUBMITTED, null, sequence);
        LOG.infof("Proposal %s of channel %s submitted (config sequence %d): %s", proposal.id, proposal.channelId, sequence, proposal.summary);
        recordInResource(proposal);
    }

    /** The accepted change into the Channel resource (on the version read: a concurrent edit is read again, never overwritten). */
    private void recordInResource(ProposalEntity proposal) {
        Channel.Spec after = Serialization.unmarshal(proposal.specAfter, Channel.Spec.class);
        for (int attempt = 1; attempt <= EDIT_ATTEMPTS; attempt++) {
            Channel current = client.resources(Channel.class).inNamespace(proposal.channelNamespace).withName(proposal.channelName).get();
            if (current == null || !proposal.channelUid.equals(current.getMetadata().getUid())) {
                return;
            }
            current.getSpec().organizations = after.organizations;
            current.getSpec().batch = after.batch;
            current.getSpec().policies = after.policies;
            current.getSpec().capabilities = after.capabilities;
            try {
                client.resources(Channel.class).resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        throw DomainException.conflict("Channel " + proposal.channelName + " kept changing; its resource does not record proposal "
                + proposal.id + " yet, though the orderer accepted it.");
    }

    /** Rejected once the organizations that have not decided could no longer meet the policies if they all signed. */
    private void closeIfUnreachable(ProposalEntity proposal) {
        PendingConfigUpdate pending = pending(proposal);
        Set<String> undecided = new TreeSet<>(pending.eligibleSigners());
        decisions(proposal.id).forEach(d -> undecided.remove(d.mspId));
        if (!pending.satisfiableWith(undecided)) {
            transition(proposal.id, ProposalState.OPEN, ProposalState.REJECTED,
                    "Rejected by enough organizations that the policies can no longer be met.", null);
        }
    }

    /** Expired or superseded as time and the channel have it, recorded so. */
    private ProposalEntity settle(ProposalEntity proposal, Channel channel) {
        if (proposal.state == ProposalState.SUBMITTING && proposal.submittingSince != null
                && proposal.submittingSince.isBefore(now().minus(configs.submissionTimeout().multipliedBy(2)))) {
            return settleUnfinishedSubmission(proposal, channel);
        }
        if (proposal.state != ProposalState.OPEN) {
            return proposal;
        }
        if (!proposal.expiresAt.isAfter(now())) {
            transition(proposal.id, ProposalState.OPEN, ProposalState.EXPIRED, "Not decided by " + proposal.expiresAt.toInstant() + ".", null);
            return reload(proposal.id);
        }
        Long sequence = channel.getStatus() == null ? null : channel.getStatus().configSequence;
        if (sequence != null && sequence > proposal.baseSequence) {
            supersede(proposal, sequence);
            return reload(proposal.id);
        }
        return proposal;
    }

    /**
     * A submission claimed long ago and never recorded (the service stopped halfway): the orderer
     * says what happened. Still at the proposal's sequence: it never landed, the proposal is Open
     * again (a signer submits it again). One config further and that config is the proposal's
     * update applied: it landed, Submitted (and recorded in the Channel). Anything else: Superseded.
     */
    private ProposalEntity settleUnfinishedSubmission(ProposalEntity proposal, Channel channel) {
        Config current;
        try {
            current = configs.current(channel);
        } catch (RuntimeException e) {
            return proposal; // the orderer cannot say now; asked again on the next read
        }
        PendingConfigUpdate pending = pending(proposal);
        if (current.getSequence() == proposal.baseSequence) {
            transition(proposal.id, ProposalState.SUBMITTING, ProposalState.OPEN,
                    "Its submission did not finish (the service stopped); a signer submits it again.", null);
        } else if (current.getSequence() == proposal.baseSequence + 1 && current.getChannelGroup().equals(
                pending.applied().getChannelGroup())) {
            if (transition(proposal.id, ProposalState.SUBMITTING, ProposalState.SUBMITTED, null, current.getSequence())) {
                recordInResource(proposal);
            }
        } else {
            transition(proposal.id, ProposalState.SUBMITTING, ProposalState.SUPERSEDED, "The channel's config moved on to sequence "
                    + current.getSequence() + " while its submission was unfinished.", null);
        }
        return reload(proposal.id);
    }

    /** The orderer's word on the channel's config before a decision: a proposal computed on an older one is Superseded (409). */
    private void requireCurrent(ProposalEntity proposal, Channel channel) {
        Config current = configs.current(channel);
        if (current.getSequence() != proposal.baseSequence) {
            supersede(proposal, current.getSequence());
            throw DomainException.conflict("Proposal " + proposal.id + " is superseded: channel " + proposal.channelId
                    + "'s config is at sequence " + current.getSequence() + ", the proposal was made at " + proposal.baseSequence + ".");
        }
    }

    private void supersede(ProposalEntity proposal, long sequence) {
        transition(proposal.id, ProposalState.OPEN, ProposalState.SUPERSEDED, "The channel's config moved on to sequence " + sequence
                + " (the proposal was made at " + proposal.baseSequence + "); propose again on the current config.", null);
    }

    private static void requireOpen(ProposalEntity proposal) {
        if (proposal.state != ProposalState.OPEN) {
            throw DomainException.conflict("Proposal " + proposal.id + " is " + CamelCase.of(proposal.state).toLowerCase(java.util.Locale.ROOT)
                    + (proposal.stateReason == null ? "" : " (" + proposal.stateReason + ")") + ": it takes no more decisions.");
        }
    }

    private static boolean decided(ProposalEntity proposal, Organization organization) {
        return decisions(proposal.id).stream().anyMatch(d -> d.organization.equals(organization.getMetadata().getName()));
    }

    private static void requireUndecided(ProposalEntity proposal, Organization organization) {
        if (decided(proposal, organization)) {
            throw DomainException.conflict("Organization " + organization.getMetadata().getName() + " has already decided on proposal "
                    + proposal.id + ".");
        }
    }

    /** The one decision per organization; 409 when another request of the same organization got there first. */
    private static void insert(DecisionEntity decision) {
        int inserted = Db.inTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO channel_proposal_decision (proposal_id, organization, msp_id, decision, method, signature, reason,"
                        + " actor, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING")
                .setParameter(1, decision.proposalId).setParameter(2, decision.organization).setParameter(3, decision.mspId)
                .setParameter(4, decision.decision).setParameter(5, decision.method).setParameter(6, decision.signature)
                .setParameter(7, decision.reason).setParameter(8, decision.actor).setParameter(9, decision.decidedAt)
                .executeUpdate()));
        if (inserted == 0) {
            throw DomainException.conflict("Organization " + decision.organization + " has already decided on proposal " + decision.proposalId + ".");
        }
    }

    private boolean claimSubmission(UUID id) {
        OffsetDateTime now = now();
        return Db.inTransaction(() -> ProposalEntity.update("state = ?1, stateReason = null, submittingSince = ?2 where id = ?3 and state = ?4",
                ProposalState.SUBMITTING, now, id, ProposalState.OPEN)) == 1;
    }

    /** A conditional change of state; false when the proposal was no longer in {@code from}. */
    private boolean transition(UUID id, ProposalState from, ProposalState to, String reason, Long sequence) {
        OffsetDateTime closedAt = to == ProposalState.OPEN || to == ProposalState.SUBMITTING ? null : now();
        int updated = Db.inTransaction(() -> ProposalEntity.update(
                "state = ?1, stateReason = ?2, submittedSequence = ?3, closedAt = ?4 where id = ?5 and state = ?6",
                to, reason, sequence, closedAt, id, from));
        return updated == 1;
    }

    /** The stored update with every signature decided so far. */
    private static PendingConfigUpdate pending(ProposalEntity proposal) {
        ConfigUpdateEnvelope.Builder envelope;
        try {
            envelope = ConfigUpdateEnvelope.parseFrom(proposal.configUpdate).toBuilder();
            for (DecisionEntity decision : decisions(proposal.id)) {
                if (decision.signature != null) {
                    envelope.addSignatures(ConfigSignature.parseFrom(decision.signature));
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("proposal " + proposal.id + " does not decode: " + e.getMessage(), e);
        }
        return PendingConfigUpdate.of(new PendingConfigUpdate.Snapshot(proposal.channelId, ByteString.copyFrom(proposal.config),
                envelope.build().toByteString()));
    }

    private static List<DecisionEntity> decisions(UUID proposal) {
        return Db.read(() -> DecisionEntity.<DecisionEntity>list("proposalId = ?1 order by decidedAt, id", proposal));
    }

    private ProposalEntity find(Channel channel, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("Channel " + channel.getMetadata().getName() + " has no proposal " + id + ".");
        }
        ProposalEntity proposal = Db.read(() -> ProposalEntity.<ProposalEntity>findById(uuid));
        if (proposal == null || !proposal.channelUid.equals(channel.getMetadata().getUid())) {
            throw DomainException.notFound("Channel " + channel.getMetadata().getName() + " has no proposal " + id + ".");
        }
        return proposal;
    }

    private static ProposalEntity reload(UUID id) {
        return Db.read(() -> ProposalEntity.<ProposalEntity>findById(id));
    }

    private ProposalView view(ProposalEntity proposal, Channel channel) {
        return ProposalViews.of(proposal, pending(proposal), decisions(proposal.id), organizationNames(channel));
    }

    /** The consortium's organization names by MSP ID, for views that name who signs. */
    private Map<String, String> organizationNames(Channel channel) {
        Map<String, String> names = new LinkedHashMap<>();
        Consortium consortium = client.resources(Consortium.class).withName(channel.getSpec().consortium).get();
        if (consortium != null) {
            consortium.getSpec().members.forEach(m -> Optional.ofNullable(client.resources(Organization.class).withName(m.organization).get())
                    .filter(o -> o.getSpec() != null).ifPresent(o -> names.put(o.getSpec().mspId, o.getMetadata().getName())));
        }
        return names;
    }

    Organization organization(String name) {
        Organization organization = client.resources(Organization.class).withName(name).get();
        if (organization == null || organization.getSpec() == null) {
            throw DomainException.notFound("Organization " + name + " does not exist.");
        }
        return organization;
    }

    private Optional<Long> configSequence(Channel channel) {
        try {
            return Optional.of(configs.current(channel).getSequence());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String resource(ProposalEntity proposal) {
        return "Proposal " + proposal.id + " of Channel " + proposal.channelNamespace + "/" + proposal.channelName;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
