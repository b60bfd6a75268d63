package io.baas.organization;

import io.baas.config.BaasConfig;
import io.baas.crd.Organization;
import io.baas.pki.Identity;
import io.baas.pki.OrganizationCas;
import io.baas.pki.SubjectKeyIds;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.lifecycle.CaRenewer;
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
 * Keeps held certificates alive and visible: renews the built-in organization CAs and the identities
 * whose certificates fall within their renewal windows (same keys, so the key identifiers that
 * channel configurations and NodeOUs rely on stay) and publishes every
 * certificate's expiry as the gauge {@code baas_certificate_expiry_seconds} for KubeSphere alerting.
 */
@ApplicationScoped
public class CertificateCare {

    private static final Logger LOG = Logger.getLogger(CertificateCare.class);

    private final KubernetesClient client;
    private final OrganizationCustody custody;
    private final DatabaseMigrator migrator;
    private final IdentityService identities;
    private final OrganizationService organizations;
    private final BaasConfig config;
    private final MultiGauge expiryGauge;
    private ScheduledExecutorService executor;

    CertificateCare(KubernetesClient client, OrganizationCustody custody, DatabaseMigrator migrator, IdentityService identities,
                    OrganizationService organizations, BaasConfig config, MeterRegistry registry) {
        this.client = client;
        this.organizations = organizations;
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

    /**
     * Renews what is due as of the clock's time: first the built-in CAs (so identities renewed in the
     * same pass get their full period), then the identities. Returns how many CAs and identities were
     * renewed. One organization's failure does not stop the others.
     */
    public int renewDue(Clock clock) {
        int renewed = 0;
        for (Organization organization : client.resources(Organization.class).list().getItems()) {
            try {
                renewed += renewDue(organization, clock);
            } catch (RuntimeException e) {
                LOG.warnf("Certificate renewal of organization %s failed, retrying at the next check: %s",
                        organization.getMetadata().getName(), e.getMessage());
            }
        }
        return renewed;
    }

    /** The same for one organization (by name); 0 when it does not exist. */
    public int renewDue(String organization, Clock clock) {
        Organization found = client.resources(Organization.class).withName(organization).get();
        return found == null ? 0 : renewDue(found, clock);
    }

    private int renewDue(Organization organization, Clock clock) {
        String name = organization.getMetadata().getName();
        Optional<OrganizationCas> builtIn = custody.builtInCas(organization, clock);
        if (builtIn.isEmpty()) {
            return 0; // an external Fabric CA renews its own certificates; its identities would re-enroll there (not done yet)
        }
        int renewed = 0;
        CaRenewer.Result cas = new CaRenewer(new RenewalPolicy(config.pki().caRenewalWindow())).renewDue(builtIn.get());
        if (!cas.needRoot().isEmpty()) {
            LOG.warnf("The CA certificates %s of organization %s expire soon and are intermediates under an imported root,"
                    + " whose key the platform does not hold: they cannot be renewed here.", cas.needRoot(), name);
        }
        if (cas.changed()) {
            custody.replaceCas(organization, cas.cas());
            organizations.announceRenewedCas(name, clock.instant());
            LOG.infof("Renewed the CA certificates %s of organization %s (same keys) until %s.", cas.renewed(), name,
                    cas.cas().signingCa().certificate().getNotAfter().toInstant());
            renewed += cas.renewed().size();
        }
        return renewed + renewIdentities(organization, cas.cas(), new RenewalPolicy(config.pki().renewalWindow()));
    }

    private int renewIdentities(Organization organization, OrganizationCas cas, RenewalPolicy policy) {
        IdentityRenewer renewer = new IdentityRenewer(cas, policy);
        var revoked = identities.revokedKeys(organization.getMetadata().getName());
        int renewed = 0;
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
        return renewed;
    }

    /** Every held certificate's expiry, as of the clock's time. */
    public List<CertificateExpiry> expiries(Clock clock) {
        List<CertificateExpiry> all = new ArrayList<>();
        for (Organization organization : client.resources(Organization.class).list().getItems()) {
            try {
                all.addAll(CertificateExpiry.of(custody.issuer(organization, clock).certificates(), clock));
                for (Secret secret : identitySecrets(organization)) {
                    all.addAll(CertificateExpiry.of(organization.getSpec().mspId, IdentitySecret.read(secret), clock));
                }
            } catch (RuntimeException e) {
                LOG.warnf("The certificates of organization %s could not be read: %s", organization.getMetadata().getName(), e.getMessage());
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
