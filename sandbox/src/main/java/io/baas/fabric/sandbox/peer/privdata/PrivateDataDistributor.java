package io.baas.fabric.sandbox.peer.privdata;

import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.sandbox.peer.channel.ChannelDiscovery;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.lifecycle.CollectionConfigs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * The endorsing peer's dissemination of private write sets, as Fabric's gossip distributor plans
 * it per collection: the eligible peers are the other peers of the collection's member
 * organizations (the sandbox knows them as the channel config's anchor peers); fewer than
 * requiredPeerCount fails the plan; one peer per member organization first, then others, up to
 * maximumPeerCount; the first requiredPeerCount must acknowledge, the rest are sent without
 * waiting. The pushes go over {@link PrivateDataPush}, the sandbox's stand-in for gossip.
 */
public final class PrivateDataDistributor {

    /** A push a peer refused or that did not reach it. */
    public static final class DistributionException extends Exception {
        public DistributionException(String message) {
            super(message);
        }
    }

    private record Target(String mspId, HostPort address, List<java.security.cert.X509Certificate> tlsRoots) {
    }

    private final String localMspId;
    private final Supplier<String> ownAddress;
    private final PrivateDataPush push;

    public PrivateDataDistributor(String localMspId, Supplier<String> ownAddress, PrivateDataPush push) {
        this.localMspId = localMspId;
        this.ownAddress = ownAddress;
        this.push = push;
    }

    public void distribute(PeerChannel channel, String txId, TxPvtReadWriteSet rwset, long height) throws DistributionException {
        int plans = 0;
        int failed = 0;
        String firstFailure = "";
        for (NsPvtReadWriteSet ns : rwset.getNsPvtRwsetList()) {
            for (CollectionPvtReadWriteSet collection : ns.getCollectionPvtRwsetList()) {
                StaticCollectionConfig config = CollectionConfigs.find(channel.peerLedger().state(), ns.getNamespace(),
                        collection.getCollectionName(), localMspId).orElseThrow(() -> new DistributionException(
                        "could not build private data dissemination plan for chaincode " + ns.getNamespace() + " and collection "
                                + collection.getCollectionName() + ": collection config not found"));
                List<Target> eligible = eligible(channel, config);
                if (eligible.size() < config.getRequiredPeerCount()) {
                    throw new DistributionException("could not build private data dissemination plan for chaincode " + ns.getNamespace()
                            + " and collection " + collection.getCollectionName() + ": required to disseminate to at least "
                            + config.getRequiredPeerCount() + " peers, but know of only " + eligible.size() + " eligible peers");
                }
                List<Target> chosen = eligible.subList(0, Math.min(eligible.size(), config.getMaximumPeerCount()));
                PrivateDataPush.Payload payload = new PrivateDataPush.Payload(channel.channelId(), txId, ns.getNamespace(), collection, config,
                        height);
                int acknowledged = 0;
                for (Target target : chosen) {
                    plans++;
                    if (acknowledged < config.getRequiredPeerCount()) {
                        try {
                            push.send(target.address(), target.tlsRoots(), payload);
                            acknowledged++;
                        } catch (DistributionException e) {
                            failed++;
                            firstFailure = firstFailure.isEmpty() ? e.getMessage() : firstFailure;
                        }
                    } else {
                        push.sendWithoutAck(target.address(), target.tlsRoots(), payload);
                    }
                }
                if (acknowledged < config.getRequiredPeerCount()) {
                    throw new DistributionException("Failed disseminating " + failed + " out of " + plans + " private dissemination plans: "
                            + firstFailure);
                }
            }
        }
    }

    /** Anchor peers of the member organizations other than this peer: one per organization first, in random order, then the rest. */
    private List<Target> eligible(PeerChannel channel, StaticCollectionConfig config) {
        Set<String> members = CollectionConfigs.memberOrgs(config);
        Map<String, ChannelDiscovery.Organization> organizations = ChannelDiscovery.organizations(channel.config().config());
        List<Target> first = new ArrayList<>();
        List<Target> rest = new ArrayList<>();
        for (String mspId : members) {
            ChannelDiscovery.Organization organization = organizations.get(mspId);
            if (organization == null) {
                continue;
            }
            List<HostPort> peers = new ArrayList<>(organization.anchorPeers());
            peers.removeIf(peer -> peer.toString().equals(ownAddress.get()));
            Collections.shuffle(peers);
            for (int i = 0; i < peers.size(); i++) {
                (i == 0 ? first : rest).add(new Target(mspId, peers.get(i), organization.tlsRoots()));
            }
        }
        Collections.shuffle(first);
        Collections.shuffle(rest);
        List<Target> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }
}
