package io.baas.reconcile;

import io.baas.crd.Condition;
import io.baas.crd.ConditionReason;
import io.baas.crd.Organization;
import io.baas.k8s.Applier;
import io.baas.k8s.StatusWriter;
import io.baas.organization.OrganizationCustody;
import io.baas.organization.OrganizationService;
import io.baas.pki.CaCertificates;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Organizations, however they were made. The API makes an organization with its CAs; one applied
 * with kubectl gets built-in CAs here. A deleted organization keeps its finalizer until no
 * consortium has it as a member, then its identities and CAs are deleted. Steps: finalizer, CAs,
 * status.
 */
public final class OrganizationReconciler {


    private final ReconcileTimings timings;
    private final KubernetesClient client;
    private final OrganizationService organizations;
    private final OrganizationCustody custody;
    private final Clock clock;

    public OrganizationReconciler(KubernetesClient client, OrganizationService organizations, OrganizationCustody custody, Clock clock) {
        this(client, organizations, custody, clock, ReconcileTimings.DEFAULTS);
    }

    public OrganizationReconciler(KubernetesClient client, OrganizationService organizations, OrganizationCustody custody, Clock clock,
                                  ReconcileTimings timings) {
        this.timings = timings;
        this.client = client;
        this.organizations = organizations;
        this.custody = custody;
        this.clock = clock;
    }

    /** The steps of a pass, in the order they run; a failure names its step in the condition and the Event. */
    enum Step {
        ADD_FINALIZER, HOLD_CAS
    }

    public ReconcileResult reconcile(String name) {
        Organization organization = client.resources(Organization.class).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new EnumMap<>(Applier.Outcome.class);
        if (organization == null) {
            return new ReconcileResult(outcomes, true);
        }
        if (Finalizers.deleting(organization)) {
            return cleanUp(organization, outcomes);
        }
        Steps<Step> steps = new Steps<>();
        try {
            Organization kept = steps.get(Step.ADD_FINALIZER, () -> Finalizers.ensure(client, organization, OrganizationService.FINALIZER));
            CaCertificates certificates = steps.get(Step.HOLD_CAS, () -> cas(kept, outcomes));
            writeStatus(kept, Optional.of(certificates), ConditionReason.CAS_READY,
                    "The organization's CAs are held by the platform; their certificates are in the status.", null);
        } catch (RuntimeException e) {
            ReconcileException failure = steps.failure(e);
            writeStatus(organization, Optional.empty(), failure.reason(), failure.describe(), failure);
            throw failure;
        }
        return new ReconcileResult(outcomes, false);
    }

    /** The CAs the API made, or new built-in ones for an organization applied with kubectl. */
    private CaCertificates cas(Organization organization, Map<Applier.Outcome, Integer> outcomes) {
        String name = organization.getMetadata().getName();
        if (custody.holdsCas(name)) {
            return custody.certificates(organization);
        }
        List<String> sameMsp = client.resources(Organization.class).list().getItems().stream()
                .filter(o -> !name.equals(o.getMetadata().getName()))
                .filter(o -> o.getSpec() != null && Objects.equals(o.getSpec().mspId, organization.getSpec().mspId))
                .map(o -> o.getMetadata().getName())
                .toList();
        if (!sameMsp.isEmpty()) {
            throw new ReconcileException(ConditionReason.MSP_ID_TAKEN, "The MSP ID " + organization.getSpec().mspId + " is already used by "
                    + String.join(", ", sameMsp) + "; choose another one.");
        }
        if (organization.getSpec().caMode == Organization.CaMode.EXTERNAL) {
            throw new ReconcileException(ConditionReason.EXTERNAL_CA_NOT_ENROLLED, "An organization on an external Fabric CA needs its"
                    + " registrar enrolled, which only the API does (POST /kapis/baas.io/v1/workspaces/"
                    + organization.getSpec().workspace + "/organizations with caMode External).");
        }
        CaCertificates made = custody.createOrReuse(name, OrganizationCustody.msp(organization), Optional.empty())
                .cas().certificates();
        ReconcileResult.count(outcomes, Applier.Outcome.CREATED);
        return made;
    }

    private ReconcileResult cleanUp(Organization organization, Map<Applier.Outcome, Integer> outcomes) {
        String name = organization.getMetadata().getName();
        if (!organization.getMetadata().getFinalizers().contains(OrganizationService.FINALIZER)) {
            return new ReconcileResult(outcomes, true);
        }
        List<String> using = organizations.consortiaWith(name);
        if (!using.isEmpty()) {
            writeStatus(organization, Optional.empty(), ConditionReason.IN_USE, "Deleted, but still a member of " + String.join(", ", using)
                    + "; it goes once those consortia no longer list it.", null);
            return new ReconcileResult(outcomes, false, timings.inUseWait());
        }
        organizations.deleteKeys(name);
        organizations.releaseFinalizer(name);
        ReconcileResult.count(outcomes, Applier.Outcome.DELETED);
        return new ReconcileResult(outcomes, true);
    }

    /** One status write, and none when the status already says the same. */
    private void writeStatus(Organization organization, Optional<CaCertificates> certificates, ConditionReason reason, String message,
                             ReconcileException failure) {
        long generation = organization.getMetadata().getGeneration() == null ? 0 : organization.getMetadata().getGeneration();
        boolean ready = failure == null && certificates.isPresent();
        Organization.Status.Phase phase = ready ? Organization.Status.Phase.READY
                : Finalizers.deleting(organization) ? Organization.Status.Phase.DELETING : Organization.Status.Phase.DEGRADED;
        StatusWriter.write(client, organization, latest -> {
            Organization.Status next = certificates.map(c -> OrganizationStatuses.withCertificates(latest, c))
                    .orElseGet(() -> latest == null ? new Organization.Status() : latest);
            next.phase = phase;
            next.conditions = ready ? Conditions.ready(next.conditions, generation, reason, message, clock)
                    : failure != null ? Conditions.degraded(next.conditions, generation, reason, message, clock)
                    : Conditions.progressing(next.conditions, generation, reason, message, clock);
            return next;
        });
    }
}
