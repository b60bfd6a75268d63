package io.baas.reconcile;

import io.baas.config.BaasConfig;
import io.baas.crd.Channel;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.fabric.admin.ChannelConfigClient;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.admin.OrdererClient;
import io.baas.fabric.admin.PendingConfigUpdate;
import io.baas.fabric.configtx.ChannelConfigBuilder;
import io.baas.fabric.configtx.ChannelConfigException;
import io.baas.k8s.build.ChannelGenesisConfigMap;
import io.baas.k8s.build.PlatformSettings;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.reconcile.ChannelNetwork.ServingOrderer;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;

/**
 * A live channel's config for the services that change it with the members' consent (proposals):
 * its current config from its orderer, the update to the config a changed Channel resource
 * describes (computed exactly as the reconciler computes it, so once accepted nothing is left to
 * converge), signatures by an organization's platform-held admin, the submission, and joining an
 * organization's peers. Every use of a held key is put on record first; a use that cannot be
 * recorded does not happen. Failures are the API's: 400 for a change whose config cannot be
 * built, 409 while the channel's nodes are not ready, 503 when the orderer does not answer.
 */
@Singleton
public class ChannelConfigs {

    private final KubernetesClient client;
    private final KeyUseLog keyUses;
    private final NodeCustody custody;
    private final ChannelNetwork network;
    private final ReconcileTimings timings;
    private final Clock clock = Clock.systemUTC();

    ChannelConfigs(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, BaasConfig config, KeyUseLog keyUses) {
        this.client = client;
        this.keyUses = keyUses;
        this.timings = ReconcileTimings.of(config);
        this.custody = new NodeCustody(client, platform, clock, timings.fabricCaCall());
        this.network = new ChannelNetwork(client, runtime, custody, timings, clock, keyUses);
    }

    /** The channel's latest config, read by its ordering organization's admin. */
    public Config current(Channel channel) {
        return onOrderer(channel, (orderer, configs) -> configs.latest(network.signer(orderer.organization()), channel.getSpec().channelId));
    }

    /** The update from the channel's latest config to the one {@code changed} (the same Channel, another spec) describes; empty when they agree. */
    public Optional<PendingConfigUpdate> update(Channel changed) {
        return translated(() -> {
            Consortium consortium = network.consortium(changed);
            List<Organization> members = network.organizations(changed.getSpec().organizations);
            List<ServingOrderer> orderers = network.servingOrderers(changed, consortium);
            Config desired = ChannelConfigBuilder.build(network.describe(changed, consortium, members, orderers));
            Config current = onOrderer(orderers.get(0), configs -> configs.latest(network.signer(orderers.get(0).organization()),
                    changed.getSpec().channelId));
            return PendingConfigUpdate.compute(changed.getSpec().channelId, current, desired);
        });
    }

    /** The update signed by the organization's platform-held admin, the use recorded first. */
    public PendingConfigUpdate sign(PendingConfigUpdate pending, Organization organization, KeyUse use) {
        return translated(() -> {
            keyUses.record(use);
            return pending.signedBy(network.signer(organization));
        });
    }

    /**
     * Submits the fully signed update in a transaction the submitter's platform-held admin signs
     * (the use recorded first); the new config's sequence.
     */
    public long submit(Channel channel, PendingConfigUpdate pending, Organization submitter, KeyUse use) {
        return onOrderer(channel, (orderer, configs) -> {
            keyUses.record(use);
            return configs.submit(pending.submission(network.signer(submitter), clock.instant()), network.signer(orderer.organization()),
                    channel.getSpec().channelId, timings.adminCall()).getSequence();
        });
    }

    /**
     * The organization's peers (the PeerNodes of its consortium namespace) with the channel: those
     * running and not on it joined now with the channel's genesis block when {@code join}, each use
     * of its held admin recorded first as the user's; else only looked at.
     */
    public List<PeerJoin> peers(Channel channel, Organization member, String namespace, boolean join, String actor) {
        return translated(() -> {
            String channelId = channel.getSpec().channelId;
            ConfigMap kept = client.configMaps().inNamespace(channel.getMetadata().getNamespace())
                    .withName(ChannelGenesisConfigMap.name(channelId)).get();
            Block genesis = Optional.ofNullable(kept).filter(c -> ChannelGenesisConfigMap.keeps(c, channelId))
                    .flatMap(ChannelGenesisConfigMap::block).orElseThrow(() -> DomainException.conflict("Channel " + channelId
                            + " has no genesis block yet: its orderers do not serve it."));
            String organization = member.getMetadata().getName();
            return network.joinPeers(channel, member, Siblings.peers(client, namespace, organization), genesis, join,
                    peer -> new KeyUse(organization, NodeCustody.PLATFORM_ADMIN, KeyAction.JOIN_PEER, actor, "Channel "
                            + channel.getMetadata().getNamespace() + "/" + channel.getMetadata().getName(),
                            "join peer " + organization + "/" + peer + " to channel " + channelId));
        });
    }

    /** How long a submission may take before the orderer's answer is given up on. */
    public java.time.Duration submissionTimeout() {
        return timings.adminCall();
    }

    /** The identity under which the platform signs for an organization (its held admin). */
    public static String platformAdmin() {
        return NodeCustody.PLATFORM_ADMIN;
    }

    private interface ConfigCall<T> {
        T run(ServingOrderer orderer, ChannelConfigClient configs);
    }

    private <T> T onOrderer(Channel channel, ConfigCall<T> call) {
        return translated(() -> {
            Consortium consortium = network.consortium(channel);
            ServingOrderer orderer = network.servingOrderers(channel, consortium).get(0);
            return onOrderer(orderer, configs -> call.run(orderer, configs));
        });
    }

    private <T> T onOrderer(ServingOrderer orderer, Function<ChannelConfigClient, T> call) {
        try (OrdererClient ordering = network.ordering(orderer)) {
            return call.apply(new ChannelConfigClient(ordering, clock));
        }
    }

    /** The reconciler's and the Fabric library's failures, as the API answers them. */
    private static <T> T translated(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ReconcileException e) {
            if (e.reason() == ConditionReason.INVALID_CHANNEL) {
                throw DomainException.invalid("The changed channel's configuration cannot be built: " + e.getMessage(),
                        List.of(new FieldError("body", e.getMessage())));
            }
            throw DomainException.conflict("The channel's nodes are not ready: " + e.getMessage());
        } catch (FabricAdminException e) {
            if (e.reason() == FabricAdminException.Reason.UNAVAILABLE) {
                throw DomainException.unavailable("The channel's orderer did not answer: " + e.getMessage());
            }
            throw DomainException.conflict("The channel's orderer refused: " + e.getMessage());
        } catch (ChannelConfigException e) {
            throw DomainException.conflict("The update does not apply to the channel's config: " + e.getMessage());
        }
    }
}
