package io.baas.reconcile;

import io.baas.chaincode.StoredChaincodePackage;
import io.baas.crd.Chaincode;
import io.baas.crd.ConditionReason;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.gateway.FabricGatewayException;
import io.baas.fabric.gateway.GatewayPeer;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.LifecycleClient;
import io.baas.keyuse.ApprovalConsent;
import io.baas.keyuse.ConsentUnknownException;
import io.baas.keyuse.Consents;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.keyuse.KeyUseNotRecordedException;
import io.baas.pki.Identity;
import io.baas.pki.Pem;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A Chaincode's definition on its channel, in named steps, as each organization's platform-held
 * admin: install the package on every running peer of each channel organization, approve for each
 * organization through its own peer (only with that organization's recorded consent to exactly
 * this definition: {@link Consents}), commit once the organizations that approved meet the channel's
 * LifecycleEndorsement policy ({@link LifecycleCommitRule}). Steps already
 * done are skipped (the lifecycle client checks), so every pass converges. Every install, approval
 * and commit is put on record ({@link KeyUseLog}) before the held key signs it.
 */
final class ChaincodeLifecycle {

    private static final Logger LOG = Logger.getLogger(ChaincodeLifecycle.class);

    /**
     * Where the lifecycle stands: peers with the package, organizations that approved, what is
     * waited for, and the organizations whose consent to approve is missing.
     */
    record Progress(List<String> installedOn, List<String> approvedBy, boolean committed, List<String> waiting,
                    List<String> awaitingConsent) {
    }

    /** A running peer of a channel organization, as that organization's admin reaches it. */
    private record RunningPeer(String name, GatewayPeer target, Signer admin) {
    }

    private final KubernetesClient client;
    private final NodeRuntime runtime;
    private final NodeCustody custody;
    private final LifecycleClient lifecycle;
    private final Consents consents;
    private final KeyUseLog keyUses;

    ChaincodeLifecycle(KubernetesClient client, NodeRuntime runtime, NodeCustody custody, LifecycleClient lifecycle,
                       Consents consents, KeyUseLog keyUses) {
        this.client = client;
        this.runtime = runtime;
        this.custody = custody;
        this.lifecycle = lifecycle;
        this.consents = consents;
        this.keyUses = keyUses;
    }

    /**
     * @param namespaces    each channel organization's consortium namespace, by organization name
     * @param lifecycleRule the channel's LifecycleEndorsement rule; null for the default (MAJORITY)
     */
    Progress run(Chaincode chaincode, StoredChaincodePackage stored, List<Organization> organizations, Map<String, String> namespaces,
                 String lifecycleRule) {
        ChaincodeDefinition definition = ChaincodeDefinitions.of(chaincode);
        String channel = chaincode.getSpec().channel;
        String cause = "Chaincode " + chaincode.getMetadata().getNamespace() + "/" + chaincode.getMetadata().getName()
                + " (generation " + chaincode.getMetadata().getGeneration() + ")";
        String what = definition.name() + " " + definition.version() + " sequence " + definition.sequence() + " on " + channel;
        List<String> installedOn = new ArrayList<>();
        List<String> approvedBy = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<String> awaitingConsent = new ArrayList<>();
        List<RunningPeer> running = new ArrayList<>();
        Set<String> approverMspIds = new HashSet<>();
        GatewayPeer committer = null;
        Signer committerAdmin = null;
        String committerName = null;
        try {
            runtime.stageChaincode(stored);
            for (Organization organization : organizations) {
                String name = organization.getMetadata().getName();
                Signer admin = signer(organization, custody.platformAdmin(organization));
                List<GatewayPeer> peers = new ArrayList<>();
                for (PeerNode peer : peers(namespaces.get(name), name)) {
                    Optional<HostPort> address = runtime.peerAddress(peer);
                    if (address.isEmpty()) {
                        waiting.add(name + "/" + peer.getMetadata().getName() + " (not running)");
                        continue;
                    }
                    GatewayPeer target = new GatewayPeer(address.get().host(), address.get().port(),
                            Pem.certificates(organization.getStatus().tlsCaCertificate));
                    install(target, admin, stored, name, peer.getMetadata().getName(), cause);
                    installedOn.add(name + "/" + peer.getMetadata().getName());
                    peers.add(target);
                    running.add(new RunningPeer(name + "/" + peer.getMetadata().getName(), target, admin));
                }
                if (peers.isEmpty()) {
                    waiting.add(name + " (no running peer)");
                    continue;
                }
                if (!consented(ApprovalConsent.of(name, channel, definition, stored.packageId()))) {
                    // No consent, no signature; an approval the organization made itself still counts.
                    if (approvedWithoutUs(peers.get(0), admin, channel, definition, organization.getSpec().mspId)) {
                        approvedBy.add(name);
                        approverMspIds.add(organization.getSpec().mspId);
                    } else {
                        awaitingConsent.add(name);
                    }
                    continue;
                }
                lifecycle.approve(peers.get(0), admin, channel, definition, stored.packageId(), () -> keyUses.record(
                        KeyUse.byReconciler(name, NodeCustody.PLATFORM_ADMIN, KeyAction.APPROVE_CHAINCODE, cause, "approve " + what)));
                approvedBy.add(name);
                approverMspIds.add(organization.getSpec().mspId);
                if (committer == null) {
                    committer = peers.get(0);
                    committerAdmin = admin;
                    committerName = name;
                }
            }
            boolean committed = false;
            List<String> names = organizations.stream().map(o -> o.getMetadata().getName()).toList();
            if (committer != null && LifecycleCommitRule.met(lifecycleRule, names, approvedBy)) {
                List<String> behind = peersBehind(running, channel, definition, approverMspIds, committer, committerAdmin);
                if (behind.isEmpty()) {
                    String by = committerName;
                    lifecycle.commit(committer, committerAdmin, channel, definition, () -> keyUses.record(
                            KeyUse.byReconciler(by, NodeCustody.PLATFORM_ADMIN, KeyAction.COMMIT_CHAINCODE, cause, "commit " + what)));
                    committed = true;
                } else {
                    waiting.addAll(behind);
                }
            }
            return new Progress(installedOn, approvedBy, committed, waiting, awaitingConsent);
        } catch (FabricGatewayException | FabricAdminException e) {
            throw new ReconcileException(ConditionReason.LIFECYCLE_FAILED, "The chaincode lifecycle on " + channel + " stopped: " + e.getMessage());
        } catch (KeyUseNotRecordedException e) {
            throw new ReconcileException(ConditionReason.KEY_USE_NOT_RECORDED, e.getMessage());
        }
    }

    /** Installs where the package is not yet, on record first; the package on a peer changes nothing on any channel. */
    private void install(GatewayPeer target, Signer admin, StoredChaincodePackage stored, String organization, String peer, String cause) {
        boolean installed = lifecycle.queryInstalled(target, admin).stream().anyMatch(p -> p.getPackageId().equals(stored.packageId()));
        if (installed) {
            return;
        }
        keyUses.record(KeyUse.byReconciler(organization, NodeCustody.PLATFORM_ADMIN, KeyAction.INSTALL_CHAINCODE, cause,
                "install " + stored.packageId() + " on " + organization + "/" + peer));
        lifecycle.install(target, admin, stored.parsed().chaincodePackage());
    }

    /**
     * The running peers that have not yet committed every approval this pass counted, while the
     * definition is not committed. The gateway has the commit endorsed by peers of several
     * organizations, which must simulate it on the same approvals: each approval waited for its
     * own organization's peer only, and a peer a block behind answers differently, so the gateway
     * refuses the commit. The pass waits for them instead ({@link Progress#waiting}).
     */
    private List<String> peersBehind(List<RunningPeer> running, String channel, ChaincodeDefinition definition, Set<String> approverMspIds,
                                     GatewayPeer committer, Signer committerAdmin) {
        var committed = lifecycle.queryCommitted(committer, committerAdmin, channel, definition.name());
        if (committed.isPresent() && committed.get().getSequence() >= definition.sequence()) {
            return List.of();
        }
        Map<String, Map<String, Boolean>> approvalsByPeer = new LinkedHashMap<>();
        for (RunningPeer peer : running) {
            try {
                approvalsByPeer.put(peer.name(), lifecycle.checkCommitReadiness(peer.target(), peer.admin(), channel, definition));
            } catch (FabricGatewayException e) {
                // Not (yet) on the channel, or not answering: the gateway cannot choose it to endorse either.
                LOG.debugf("Peer %s does not say which approvals it has on %s: %s", peer.name(), channel, e.getMessage());
            }
        }
        return behind(approvalsByPeer, approverMspIds);
    }

    /** The peers, of those given with the approvals each has committed, that miss one of the approvers'. */
    static List<String> behind(Map<String, Map<String, Boolean>> approvalsByPeer, Set<String> approverMspIds) {
        List<String> behind = new ArrayList<>();
        approvalsByPeer.forEach((peer, approvals) -> {
            if (!approverMspIds.stream().allMatch(mspId -> Boolean.TRUE.equals(approvals.get(mspId)))) {
                behind.add(peer + " (has not yet committed every approval)");
            }
        });
        return behind;
    }

    /**
     * Read only: the organization approved this definition itself, before or after it was committed
     * (a commit by the others' majority does not make it one of the approvers); a later sequence
     * committed already makes this one's approvals moot.
     */
    private boolean approvedWithoutUs(GatewayPeer peer, Signer admin, String channel, ChaincodeDefinition definition, String mspId) {
        var committed = lifecycle.queryCommitted(peer, admin, channel, definition.name());
        if (committed.isPresent() && committed.get().getSequence() > definition.sequence()) {
            return true;
        }
        if (committed.isPresent() && committed.get().getSequence() == definition.sequence()) {
            return committed.get().getApprovalsOrDefault(mspId, false);
        }
        return Boolean.TRUE.equals(lifecycle.checkCommitReadiness(peer, admin, channel, definition).get(mspId));
    }

    /** Fails closed: consents that cannot be read count as none, and the pass looks again later. */
    private boolean consented(ApprovalConsent approval) {
        try {
            return consents.granted(approval);
        } catch (ConsentUnknownException e) {
            return false;
        }
    }

    private List<PeerNode> peers(String namespace, String organization) {
        if (namespace == null) {
            return List.of();
        }
        return Siblings.peers(client, namespace, organization);
    }

    private static Signer signer(Organization organization, Identity admin) {
        return new EcdsaSigner(FabricIdentity.of(organization.getSpec().mspId, admin.signing().certificate()), admin.signing().privateKey());
    }
}
