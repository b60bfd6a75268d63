package io.baas.organization;

import io.baas.config.BaasConfig;
import io.baas.crd.Organization;
import io.baas.pki.Identity;
import io.baas.pki.OrganizationCas;
import io.baas.pki.SubjectKeyIds;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.lifecycle.CertificateExpiry;
import io.baas.pki.lifecycle.IdentityRenewer;
import io.baas.pki.lifecycle.RenewalPolicy;
import io.baas.pki.lifecycle.RevocationList;
import io.baas.store.DatabaseMigrator;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps held certificates alive and visible: renews identities whose certificates fall within the
 * renewal window (same keys, so no channel configuration changes) and publishes every
 * certificate's expiry as the gauge {@code baas_certificate_expiry_seconds} for KubeSphere alerting.
 */
@ApplicationScoped
public class CertificateCare {

    private static final Logger LOG = Logger.getLogger(CertificateCare.class);

    private final KubernetesClient client;
    private final OrganizationCustody custody;
    private final DatabaseMigrator migrator;
    private final IdentityService identities;
    private final BaasConfig config;
    private final MultiGauge expiryGauge;
    private ScheduledExecutorService executor;

    CertificateCare(KubernetesClient client, OrganizationCustody custody, DatabaseMigrator migrator, IdentityService identities,
                    BaasConfig config, MeterRegistry registry) {
        this.client = client;
        this.custody = custody;
        this.migrator = migrator;
        this.identities = identities;
        this.config = config;
        this.expiryGauge = MultiGauge.builder("baas.certificate.expiry")
                .description("When a certificate held by the platform expires, as seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baas-certificate-care");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.pki().checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Renews what is due as of the clock's time; returns how many identities were renewed. */
    public int renewDue(Clock clock) {
        RenewalPolicy policy = new RenewalPolicy(config.pki().renewalWindow());
        int renewed = 0;
        for (Organization organization : client.resources(Organization.class).list().getItems()) {
            Optional<OrganizationCas> builtIn = custody.builtInCas(organization, clock);
            if (builtIn.isEmpty()) {
                continue; // an external Fabric CA's identities are renewed by re-enrolling there, which is not done yet
            }
            OrganizationCas cas = builtIn.get();
            IdentityRenewer renewer = new IdentityRenewer(cas, policy);
            var revoked = identities.revokedKeys(organization.getMetadata().getName());
            for (Secret secret : identitySecrets(organization)) {
                Identity identity = IdentitySecret.read(secret);
                if (revoked.contains(SubjectKeyIds.hex(identity.signing().certificate().getPublicKey()))) {
                    continue;
                }
                var result = renewer.renewDue(identity, RevocationList.empty());
                if (result.isPresent()) {
                    Secret fresh = IdentitySecret.build(custody.namespace(), organization.getMetadata().getName(), result.get());
                    client.secrets().inNamespace(custody.namespace()).withName(secret.getMetadata().getName())
                            .edit(current -> {
                                current.setData(fresh.getData());
                                return current;
                            });
                    LOG.infof("Renewed the certificates of %s/%s (same keys) until %s.", organization.getMetadata().getName(),
                            identity.name(), result.get().signing().certificate().getNotAfter().toInstant());
                    renewed++;
                }
            }
        }
        return renewed;
    }

    /** Every held certificate's expiry, as of the clock's time. */
    public List<CertificateExpiry> expiries(Clock clock) {
        List<CertificateExpiry> all = new ArrayList<>();
        for (Organization organization : client.resources(Organization.class).list().getItems()) {
            all.addAll(CertificateExpiry.of(custody.issuer(organization, clock).certificates(), clock));
            for (Secret secret : identitySecrets(organization)) {
                all.addAll(CertificateExpiry.of(organization.getSpec().mspId, IdentitySecret.read(secret), clock));
            }
        }
        return all;
    }

    public void refreshGauge() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (CertificateExpiry expiry : expiries(Clock.systemUTC())) {
            rows.add(MultiGauge.Row.of(Tags.of("msp_id", expiry.mspId(), "owner", expiry.owner(), "purpose", expiry.purpose(),
                    "serial", expiry.serial()), expiry.notAfterEpochSeconds()));
        }
        expiryGauge.register(rows, true);
    }

    private void checkQuietly() {
        if (!migrator.migrated()) {
            return; // revocations live in PostgreSQL: without them nothing may be renewed
        }
        try {
            renewDue(Clock.systemUTC());
            refreshGauge();
        } catch (RuntimeException e) {
            LOG.warnf("Certificate check failed, retrying in %s: %s", config.pki().checkInterval(), e.getMessage());
        }
    }

    private List<Secret> identitySecrets(Organization organization) {
        return client.secrets().inNamespace(custody.namespace())
                .withLabels(IdentitySecret.selector(organization.getMetadata().getName())).list().getItems();
    }
}
