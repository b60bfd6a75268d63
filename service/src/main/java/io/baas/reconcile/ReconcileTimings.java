package io.baas.reconcile;

import io.baas.config.BaasConfig;
import io.baas.fabric.gateway.GatewaySettings;
import java.time.Duration;

/**
 * How long the reconcilers wait on Fabric and on each other ({@code baas.reconcile.*}).
 *
 * @param adminCall    a call to an orderer's or a peer's admin service (join, config, Deliver)
 * @param lifecycleCall one chaincode lifecycle step through the peers' Gateway
 * @param peerWait     look again after this while peers are still starting
 * @param consentWait  look again after this while organizations' consents to approve are missing
 * @param inUseWait    look again after this while a consortium still lists a deleted organization
 * @param fabricCaCall a call to an organization's external Fabric CA (enrolling a node's identity)
 */
public record ReconcileTimings(Duration adminCall, Duration lifecycleCall, Duration peerWait, Duration consentWait,
                               Duration inUseWait, Duration fabricCaCall) {

    /** The configuration's defaults, for reconcilers made without it (tests); ReconcileTimingsTest keeps them equal. */
    public static final ReconcileTimings DEFAULTS = new ReconcileTimings(Duration.ofSeconds(20), Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10));

    public static ReconcileTimings of(BaasConfig config) {
        BaasConfig.Reconcile reconcile = config.reconcile();
        return new ReconcileTimings(reconcile.adminTimeout(), reconcile.lifecycleTimeout(), reconcile.peerRetry(),
                reconcile.consentRetry(), reconcile.inUseRetry(), config.pki().fabricCaTimeout());
    }

    /** The Gateway deadlines of {@code baas.gateway.*}; their defaults are the library's {@link GatewaySettings#DEFAULTS}. */
    public static GatewaySettings gateway(BaasConfig.Gateway config) {
        return new GatewaySettings(config.evaluateTimeout(), config.endorseTimeout(), config.submitTimeout(),
                config.commitStatusTimeout(), config.attempts(), config.retryPause());
    }
}
