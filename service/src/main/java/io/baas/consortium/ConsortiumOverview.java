package io.baas.consortium;

import io.baas.crd.Condition;
import java.util.List;
import java.util.Map;

/**
 * A consortium at a glance for its members: who is in it and where, its nodes and channels as the
 * reconcilers report them, the nearest certificate expiry, and what happened lately.
 *
 * @param nearestCertificateExpiry the earliest expiry among the members' CA certificates and the nodes' certificates
 */
public record ConsortiumOverview(String name, String displayName, String leader, String phase, List<Condition> conditions,
                                 List<Member> members, List<Node> nodes, List<ChannelSummary> channels,
                                 String nearestCertificateExpiry, List<EventSummary> events) {

    public record Member(String organization, String workspace, String namespace, Integer peers) {
    }

    /**
     * @param kind PeerNode or OrdererNode
     * @param health the node's operations endpoint's answer when the overview was made (null where not asked)
     * @param blocksBehind for a peer, by channel ID: how many blocks the consortium's orderers have that it has not (null for an orderer)
     */
    public record Node(String kind, String name, String namespace, String organization, String phase, Map<String, String> endpoints,
                       String certificateNotAfter, io.baas.runtime.NodeHealth health, Map<String, Long> blocksBehind) {

        public Node withHealth(io.baas.runtime.NodeHealth measured, Map<String, Long> behind) {
            return new Node(kind, name, namespace, organization, phase, endpoints, certificateNotAfter, measured, behind);
        }
    }

    /**
     * @param height the height the channel's reconciler last saw on its orderers
     * @param lastBlockTime when the newest block the explorer has indexed was made (its first transaction's time); null before any
     */
    public record ChannelSummary(String name, String namespace, String channelId, String phase, Long height, List<String> organizations,
                                 java.time.Instant lastBlockTime) {

        public ChannelSummary withLastBlockTime(java.time.Instant time) {
            return new ChannelSummary(name, namespace, channelId, phase, height, organizations, time);
        }
    }

    public ConsortiumOverview withChannels(List<ChannelSummary> replaced) {
        return new ConsortiumOverview(name, displayName, leader, phase, conditions, members, nodes, replaced, nearestCertificateExpiry, events);
    }

    /** @param object kind/name the event is about */
    public record EventSummary(String type, String reason, String message, String object, String time) {
    }
}
