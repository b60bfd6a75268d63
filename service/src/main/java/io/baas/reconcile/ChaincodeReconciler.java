package io.baas.reconcile;

import io.baas.chaincode.ChaincodePackageSource;
import io.baas.chaincode.InvalidServerAddressException;
import io.baas.chaincode.ServerAddress;
import io.baas.chaincode.StoredChaincodePackage;
import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.k8s.Applier;
import io.baas.k8s.StatusWriter;
import io.baas.k8s.build.ChaincodeBuilderConfig;
import io.baas.k8s.build.ChaincodeServerBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.CertifiedKey;
import io.baas.pki.OrganizationIssuer;
import io.baas.pki.Pem;
import io.baas.pki.ServiceAddress;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a Chaincode's servers, in named steps: keep the finalizer; find its channel, the channel's
 * organizations and their namespaces; find its package; for each organization, work out the
 * Service its peers will dial (the package's connection.json filled with that organization's
 * values), hold the server's TLS key (issued once by the organization's TLS CA), apply the
 * Deployment and Service; define it on the channel; once that is committed, remove the servers of
 * organizations that left the channel and of the package an upgrade replaced; write the status once. On deletion, removes the servers no other Chaincode still uses, then the finalizer.
 * (Install, approve and commit go through the Fabric network operations.)
 */
public class ChaincodeReconciler {

    private final KubernetesClient client;
    private final Applier applier;
    private final PlatformSettings platform;
    private final Clock clock;
    private final NodeCustody custody;
    private final ChaincodePackageSource packages;
    private final Duration renewalWindow;
    private final Optional<ChaincodeLifecycle> lifecycle;
    private final Optional<io.baas.runtime.ChaincodeServerRuntime> serverRuntime;
    private final ReconcileTimings timings;

    /** @param renewalWindow servers' TLS certificates are issued anew once they expire within this window */
    public ChaincodeReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock,
                               ChaincodePackageSource packages, Duration renewalWindow) {
        this(client, applier, platform, clock, packages, renewalWindow, Optional.empty(), Optional.empty(), ReconcileTimings.DEFAULTS);
    }

    /**
     * With the nodes' runtime, the definition is also installed, approved and committed on the
     * channel's peers (through {@code lifecycle}), as each organization's platform-held admin:
     * approved only for organizations whose admins consented ({@code consents}), every use of a
     * held key on record first ({@code keyUses}).
     */
    public ChaincodeReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock,
                               ChaincodePackageSource packages, Duration renewalWindow, io.baas.runtime.NodeRuntime runtime,
                               io.baas.fabric.lifecycle.LifecycleClient lifecycle, io.baas.keyuse.Consents consents,
                               io.baas.keyuse.KeyUseLog keyUses, ReconcileTimings timings) {
        this(client, applier, platform, clock, packages, renewalWindow, Optional.of(new ChaincodeLifecycle(client, runtime,
                new NodeCustody(client, platform, clock, timings.fabricCaCall()), lifecycle, consents, keyUses)),
                Optional.of(runtime).filter(io.baas.runtime.ChaincodeServerRuntime.class::isInstance)
                        .map(io.baas.runtime.ChaincodeServerRuntime.class::cast), timings);
    }

    private ChaincodeReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock,
                                ChaincodePackageSource packages, Duration renewalWindow, Optional<ChaincodeLifecycle> lifecycle,
                                Optional<io.baas.runtime.ChaincodeServerRuntime> serverRuntime, ReconcileTimings timings) {
        this.timings = timings;
        this.serverRuntime = serverRuntime;
        this.lifecycle = lifecycle;
        this.renewalWindow = renewalWindow;
        this.client = client;
        this.applier = applier;
        this.platform = platform;
        this.clock = clock;
        this.custody = new NodeCustody(client, platform, clock, timings.fabricCaCall());
        this.packages = packages;
    }

    /** Install, approve and commit on the channel's peers, when this reconciler drives the lifecycle. */
    private Optional<ChaincodeLifecycle.Progress> defineOnChannel(Chaincode chaincode, StoredChaincodePackage stored, List<PlannedServer> servers) {
        if (lifecycle.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> namespaces = new java.util.LinkedHashMap<>();
        servers.forEach(server -> namespaces.put(server.organization().getMetadata().getName(), server.inputs().namespace()));
        return Optional.of(lifecycle.get().run(chaincode, stored, servers.stream().map(PlannedServer::organization).toList(), namespaces,
                lifecycleRule(chaincode)));
    }

    /** The channel's LifecycleEndorsement rule as its spec overrides it; null for the default. */
    private String lifecycleRule(Chaincode chaincode) {
        return client.resources(Channel.class).inNamespace(chaincode.getMetadata().getNamespace()).list().getItems().stream()
                .filter(c -> c.getSpec() != null && chaincode.getSpec().channel.equals(c.getSpec().channelId) && c.getSpec().policies != null)
                .map(c -> c.getSpec().policies.get(LifecycleCommitRule.POLICY))
                .filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    /**
     * One organization's server, as planned before anything is applied.
     *
     * @param namedAddress the address its peers will dial, as the package's connection.json names it filled in
     */
    record PlannedServer(Organization organization, ChaincodeServerBuilder.Inputs inputs, String namedAddress) {
    }

    /** The steps of a pass, in the order they run; a failure names its step in the condition and the Event. */
    enum Step {
        ADD_FINALIZER, CHECK_COLLECTIONS, FIND_PACKAGE, PLAN_SERVERS, APPLY_SERVERS, DEFINE_ON_CHANNEL, REMOVE_SERVERS
    }

    public ReconcileResult reconcile(String namespace, String name) {
        Chaincode chaincode = client.resources(Chaincode.class).inNamespace(namespace).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new EnumMap<>(Applier.Outcome.class);
        if (chaincode == null) {
            return new ReconcileResult(outcomes, true);
        }
        if (Finalizers.deleting(chaincode)) {
            if (chaincode.getMetadata().getFinalizers().contains(Finalizers.CHAINCODE)) {
                removeServers(chaincode, Set.of(), outcomes);
                Finalizers.release(client, chaincode, Finalizers.CHAINCODE);
            }
            return new ReconcileResult(outcomes, true);
        }
        Steps<Step> steps = new Steps<>();
        StoredChaincodePackage stored = null;
        try {
            Chaincode kept = steps.get(Step.ADD_FINALIZER, () -> Finalizers.ensure(client, chaincode, Finalizers.CHAINCODE));
            // Checked before any server is deployed: a collection Fabric would refuse stops the pass here.
            steps.run(Step.CHECK_COLLECTIONS, () -> ChaincodeDefinitions.collections(kept));
            stored = steps.get(Step.FIND_PACKAGE, () -> findPackage(kept));
            StoredChaincodePackage found = stored;
            List<PlannedServer> servers = steps.get(Step.PLAN_SERVERS, () -> plan(kept, found));
            int ready = steps.get(Step.APPLY_SERVERS, () -> applyAll(servers, found, outcomes));
            Optional<ChaincodeLifecycle.Progress> progress = steps.get(Step.DEFINE_ON_CHANNEL, () -> defineOnChannel(kept, found, servers));
            // An upgrade's old servers serve the committed sequence until the new one commits.
            if (progress.isEmpty() || progress.get().committed()) {
                Set<String> keep = new HashSet<>();
                servers.forEach(server -> keep.add(server.inputs().namespace() + "/" + server.inputs().server()));
                steps.run(Step.REMOVE_SERVERS, () -> removeServers(kept, keep, outcomes));
            }
            writeStatus(kept, found.packageId(), servers.size(), ready, progress, null);
            if (progress.isPresent() && !progress.get().waiting().isEmpty()) {
                return new ReconcileResult(outcomes, false, timings.peerWait());
            }
            if (progress.isPresent() && !progress.get().awaitingConsent().isEmpty()) {
                // Consents are written in PostgreSQL, which no informer watches: look again.
                return new ReconcileResult(outcomes, false, timings.consentWait());
            }
        } catch (RuntimeException e) {
            ReconcileException failure = steps.failure(e);
            writeStatus(chaincode, stored == null ? null : stored.packageId(), 0, 0, Optional.empty(), failure);
            throw failure;
        }
        return new ReconcileResult(outcomes, false);
    }

    private StoredChaincodePackage findPackage(Chaincode chaincode) {
        Chaincode.PackageRef ref = chaincode.getSpec().packageRef;
        Optional<String> workspace = Optional.ofNullable(ref.workspace).filter(w -> !w.isEmpty());
        return packages.find(workspace, ref.name, ref.version).orElseThrow(() -> new ReconcileException(ConditionReason.PACKAGE_MISSING,
                "The chaincode package " + ref.name + " " + ref.version + workspace.map(w -> " of workspace " + w).orElse("")
                        + " does not exist or is not approved."));
    }

    /** Every organization of the channel gets its own server, named by what its peers will dial. */
    private List<PlannedServer> plan(Chaincode chaincode, StoredChaincodePackage stored) {
        Channel channel = client.resources(Channel.class).inNamespace(chaincode.getMetadata().getNamespace()).list().getItems().stream()
                .filter(c -> c.getSpec() != null && chaincode.getSpec().channel.equals(c.getSpec().channelId))
                .findFirst()
                .orElseThrow(() -> new ReconcileException(ConditionReason.CHANNEL_MISSING, "Channel " + chaincode.getSpec().channel
                        + " does not exist in namespace " + chaincode.getMetadata().getNamespace() + "."));
        Consortium consortium = client.resources(Consortium.class).withName(channel.getSpec().consortium).get();
        Map<String, String> namespaces = consortium == null || consortium.getStatus() == null || consortium.getStatus().namespaces == null
                ? Map.of() : consortium.getStatus().namespaces;
        List<PlannedServer> planned = new ArrayList<>();
        for (String organizationName : channel.getSpec().organizations) {
            String namespace = namespaces.get(organizationName);
            if (namespace == null) {
                throw new ReconcileException(ConditionReason.NAMESPACE_MISSING, "Organization " + organizationName
                        + " has no namespace in consortium " + channel.getSpec().consortium + " yet.");
            }
            Organization organization = client.resources(Organization.class).withName(organizationName).get();
            if (organization == null) {
                throw new ReconcileException(ConditionReason.ORGANIZATION_MISSING, "Organization " + organizationName + " does not exist.");
            }
            ChaincodeBuilderConfig values = new ChaincodeBuilderConfig("", namespace, organizationName,
                    organization.getSpec().mspId, platform.clusterDomain(), tlsCa(organization));
            ServerAddress address;
            try {
                address = ServerAddress.of(stored.parsed(), values);
            } catch (InvalidServerAddressException e) {
                throw new ReconcileException(ConditionReason.PACKAGE_NOT_RUNNABLE, "Package " + stored.packageId() + ": " + e.getMessage() + ".");
            }
            int replicas = chaincode.getSpec().replicas == null ? 1 : chaincode.getSpec().replicas.getOrDefault(organizationName, 1);
            planned.add(new PlannedServer(organization, new ChaincodeServerBuilder.Inputs(organizationName, namespace, address.service(),
                    address.port(), stored.packageId(), stored.serverImage().orElse(platform.chaincodeImage()), replicas, address.tls()),
                    values.render(ServerAddress.template(stored.parsed()).orElseThrow())));
        }
        return planned;
    }

    /** Applies every planned server; returns how many are ready. */
    private int applyAll(List<PlannedServer> servers, StoredChaincodePackage stored, Map<Applier.Outcome, Integer> outcomes) {
        int ready = 0;
        for (PlannedServer server : servers) {
            ready += apply(server, stored, outcomes) ? 1 : 0;
        }
        return ready;
    }

    /**
     * Applies one server's Deployment and Service (on the host they are the record of the server,
     * which the logs and the clean-up find it by, and the runtime runs its jar); true when it serves.
     */
    private boolean apply(PlannedServer server, StoredChaincodePackage found, Map<Applier.Outcome, Integer> outcomes) {
        ChaincodeServerBuilder.Inputs inputs = server.inputs();
        String tlsSerial = inputs.tls() ? ensureTlsSecret(server, outcomes) : null;
        ChaincodeServerBuilder.Objects objects = ChaincodeServerBuilder.build(inputs, platform, tlsSerial);
        ReconcileResult.count(outcomes, applyOurs(objects.service(), inputs));
        ReconcileResult.count(outcomes, applyOurs(objects.deployment(), inputs));
        if (serverRuntime.isPresent()) {
            return serverRuntime.get().runChaincodeServer(new io.baas.runtime.ChaincodeServerLaunch(inputs.namespace(), inputs.server(),
                    server.namedAddress(), found.packageId(), runnableJar(found), inputs.tls() ? Optional.of(serverTls(inputs)) : Optional.empty()));
        }
        Deployment stored = client.apps().deployments().inNamespace(inputs.namespace()).withName(inputs.server()).get();
        return stored != null && stored.getStatus() != null
                && Integer.valueOf(inputs.replicas()).equals(stored.getStatus().getReadyReplicas());
    }

    /** The jar a runtime without images runs: an uploaded version's own, or a built-in's as shipped. */
    private static byte[] runnableJar(StoredChaincodePackage found) {
        return found.jar().or(() -> io.baas.fabric.chaincode.BuiltInChaincodes.list().stream()
                        .filter(builtIn -> builtIn.packageId().equals(found.packageId())).findFirst()
                        .map(builtIn -> io.baas.fabric.chaincode.BuiltInChaincodes.jar(builtIn.definition())))
                .orElseThrow(() -> new ReconcileException(ConditionReason.PACKAGE_NOT_RUNNABLE, "Package " + found.packageId()
                        + " has no runnable jar; the " + "host runtime runs a chaincode server from its jar."));
    }

    /** The server's key and certificate chain, from the Secret {@link #ensureTlsSecret} keeps. */
    private io.baas.runtime.ChaincodeServerLaunch.ServerTls serverTls(ChaincodeServerBuilder.Inputs inputs) {
        Secret secret = client.secrets().inNamespace(inputs.namespace()).withName(ChaincodeServerBuilder.tlsSecretName(inputs.server())).get();
        return new io.baas.runtime.ChaincodeServerLaunch.ServerTls(secretText(secret, "tls.crt").orElseThrow(),
                secretText(secret, "tls.key").orElseThrow());
    }

    /** Writes a server object only over one of its own: a Service, Deployment or Secret of that name made by anyone else stays. */
    private Applier.Outcome applyOurs(io.fabric8.kubernetes.api.model.HasMetadata desired, ChaincodeServerBuilder.Inputs inputs) {
        try {
            return applier.apply(desired, existing -> ChaincodeServerBuilder.isOurs(existing, inputs));
        } catch (io.baas.k8s.ForeignObjectException e) {
            throw nameTaken(desired);
        }
    }

    private static ReconcileException nameTaken(io.fabric8.kubernetes.api.model.HasMetadata desired) {
        return new ReconcileException(ConditionReason.NAME_TAKEN, desired.getKind() + " " + desired.getMetadata().getNamespace() + "/"
                + desired.getMetadata().getName() + " exists and is not this chaincode server's; it is left as it is.");
    }

    /**
     * Issued once, and again when the certificate comes within the renewal window (a new key on
     * every pass would restart the servers for nothing). Returns the serial of the certificate in use.
     */
    private String ensureTlsSecret(PlannedServer server, Map<Applier.Outcome, Integer> outcomes) {
        ChaincodeServerBuilder.Inputs inputs = server.inputs();
        String secretName = ChaincodeServerBuilder.tlsSecretName(inputs.server());
        Secret existing = client.secrets().inNamespace(inputs.namespace()).withName(secretName).get();
        if (existing != null && !ChaincodeServerBuilder.isOurs(existing, inputs)) {
            throw nameTaken(existing);
        }
        Optional<X509Certificate> current = Optional.ofNullable(existing).flatMap(ChaincodeReconciler::serverCertificate);
        if (current.isPresent() && current.get().getNotAfter().toInstant().isAfter(clock.instant().plus(renewalWindow))) {
            ReconcileResult.count(outcomes, Applier.Outcome.UNCHANGED);
            return current.get().getSerialNumber().toString(16);
        }
        OrganizationIssuer issuer = custody.issuer(server.organization());
        // On the host the peers dial the server at the runtime's address, which its certificate must carry.
        CertifiedKey certified = issuer.issueServerTls(inputs.server() + "." + inputs.namespace(),
                List.of(new ServiceAddress(inputs.server(), inputs.namespace(), platform.clusterDomain())),
                serverRuntime.map(io.baas.runtime.ChaincodeServerRuntime::tlsHosts).orElse(List.of()));
        Secret secret = ChaincodeServerBuilder.tlsSecret(inputs, certified, Pem.encode(issuer.certificates().tlsChain()));
        ReconcileResult.count(outcomes, applyOurs(secret, inputs));
        return certified.certificate().getSerialNumber().toString(16);
    }

    private static Optional<X509Certificate> serverCertificate(Secret secret) {
        try {
            return secretText(secret, "tls.crt").map(Pem::certificate);
        } catch (RuntimeException e) {
            return Optional.empty(); // unreadable: issue a new one
        }
    }

    /** A key of the Secret as the API server stores it (data), or as written (stringData) where nothing converted it. */
    private static Optional<String> secretText(Secret secret, String key) {
        if (secret == null) {
            return Optional.empty();
        }
        return secret.getData() != null && secret.getData().get(key) != null
                ? Optional.of(new String(java.util.Base64.getDecoder().decode(secret.getData().get(key)), java.nio.charset.StandardCharsets.US_ASCII))
                : Optional.ofNullable(secret.getStringData()).map(data -> data.get(key));
    }

    /**
     * Servers of this Chaincode's packages (the current one, and the one an upgrade replaced) outside
     * {@code keep}, unless another live Chaincode still needs them.
     */
    private void removeServers(Chaincode chaincode, Set<String> keep, Map<Applier.Outcome, Integer> outcomes) {
        Set<String> servedPackages = new HashSet<>();
        for (Chaincode other : client.resources(Chaincode.class).inAnyNamespace().list().getItems()) {
            if (other.getMetadata().getUid() != null && other.getMetadata().getUid().equals(chaincode.getMetadata().getUid())
                    || Finalizers.deleting(other) || other.getStatus() == null) {
                continue;
            }
            java.util.stream.Stream.of(other.getStatus().packageId, other.getStatus().replacedPackageId)
                    .filter(java.util.Objects::nonNull).forEach(servedPackages::add);
        }
        Set<String> packageIds = new HashSet<>();
        if (chaincode.getStatus() != null) {
            java.util.stream.Stream.of(chaincode.getStatus().packageId, chaincode.getStatus().replacedPackageId)
                    .filter(java.util.Objects::nonNull).forEach(packageIds::add);
        }
        packageIds.removeAll(servedPackages);
        if (packageIds.isEmpty()) {
            return; // never ran a server, or every one is still needed
        }
        for (Deployment deployment : client.apps().deployments().inAnyNamespace()
                .withLabel(ChaincodeServerBuilder.SERVER_LABEL).list().getItems()) {
            String key = deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
            if (keep.contains(key) || !packageIds.contains(ChaincodeServerBuilder.chaincodeId(deployment))) {
                continue;
            }
            String namespace = deployment.getMetadata().getNamespace();
            String server = deployment.getMetadata().getName();
            if (!ChaincodeServerBuilder.isServersObject(deployment, server)) {
                continue;
            }
            ReconcileResult.count(outcomes, applier.delete(deployment));
            serverRuntime.ifPresent(host -> host.removeChaincodeServer(namespace, server));
            // The Service and TLS Secret go only when they are this server's, not another object under the name.
            Service service = client.services().inNamespace(namespace).withName(server).get();
            if (service != null && ChaincodeServerBuilder.isServersObject(service, server)) {
                ReconcileResult.count(outcomes, applier.delete(service));
            }
            Secret tls = client.secrets().inNamespace(namespace).withName(ChaincodeServerBuilder.tlsSecretName(server)).get();
            if (tls != null && ChaincodeServerBuilder.isServersObject(tls, server)) {
                ReconcileResult.count(outcomes, applier.delete(tls));
            }
        }
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(T object, String namespace, String name) {
        object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        return object;
    }

    private static String tlsCa(Organization organization) {
        if (organization.getStatus() == null || organization.getStatus().tlsCaCertificate == null) {
            throw new ReconcileException(ConditionReason.CA_MISSING, "Organization " + organization.getMetadata().getName() + " has no TLS CA yet.");
        }
        return organization.getStatus().tlsCaCertificate;
    }

    /** This sequence's approvals added to the record, which keeps the ten highest sequences. */
    static java.util.Map<String, List<String>> approvalsBySequence(java.util.Map<String, List<String>> recorded, long sequence,
                                                                     List<String> approvedBy) {
        java.util.TreeMap<Long, List<String>> bySequence = new java.util.TreeMap<>();
        if (recorded != null) {
            recorded.forEach((key, organizations) -> bySequence.put(Long.parseLong(key), organizations));
        }
        bySequence.put(sequence, List.copyOf(approvedBy));
        while (bySequence.size() > 10) {
            bySequence.pollFirstEntry();
        }
        java.util.Map<String, List<String>> result = new java.util.LinkedHashMap<>();
        bySequence.forEach((key, organizations) -> result.put(Long.toString(key), organizations));
        return result;
    }

    private void writeStatus(Chaincode chaincode, String packageId, int servers, int ready, Optional<ChaincodeLifecycle.Progress> progress,
                             ReconcileException failure) {
        long generation = chaincode.getMetadata().getGeneration() == null ? 0 : chaincode.getMetadata().getGeneration();
        Chaincode.Status status = chaincode.getStatus() == null ? new Chaincode.Status() : chaincode.getStatus();
        if (packageId != null) {
            if (status.packageId != null && !status.packageId.equals(packageId)) {
                status.replacedPackageId = status.packageId;
            }
            status.packageId = packageId;
        }
        if (failure == null && (progress.isEmpty() || progress.get().committed())) {
            status.replacedPackageId = null; // its servers were removed in this pass
        }
        if (failure != null) {
            status.phase = Chaincode.Status.Phase.DEGRADED;
            status.conditions = Conditions.failed(status.conditions, generation, failure, clock);
        } else if (progress.isPresent() && !progress.get().committed() && !progress.get().awaitingConsent().isEmpty()) {
            status.phase = Chaincode.Status.Phase.AWAITING_CONSENT;
            status.conditions = Conditions.progressing(status.conditions, generation, ConditionReason.APPROVAL_CONSENT_REQUIRED,
                    "Not approved for " + String.join(", ", progress.get().awaitingConsent()) + ": the platform approves for an"
                            + " organization only when its admin consents to this definition."
                            + (progress.get().waiting().isEmpty() ? "" : " Also waiting for " + String.join(", ", progress.get().waiting()) + "."),
                    clock);
        } else if (progress.isPresent() && !progress.get().committed()) {
            status.phase = Chaincode.Status.Phase.DEPLOYING;
            status.conditions = Conditions.progressing(status.conditions, generation, ConditionReason.PEERS_NOT_RUNNING,
                    "Waiting for " + String.join(", ", progress.get().waiting()) + " to install, approve and commit.", clock);
        } else if (progress.isPresent() && ready < servers) {
            status.phase = Chaincode.Status.Phase.COMMITTED;
            status.conditions = Conditions.progressing(status.conditions, generation, ConditionReason.SERVERS_STARTING,
                    "Committed on the channel; " + ready + " of " + servers + " organizations' chaincode servers are ready.", clock);
        } else if (progress.isPresent()) {
            status.phase = Chaincode.Status.Phase.READY;
            status.conditions = Conditions.ready(status.conditions, generation, ConditionReason.COMMITTED,
                    "Committed on the channel, and the chaincode servers of " + servers + " organizations are running.", clock);
        } else if (ready == servers) {
            status.phase = Chaincode.Status.Phase.SERVERS_RUNNING;
            status.conditions = Conditions.ready(status.conditions, generation, ConditionReason.SERVERS_RUNNING,
                    "The chaincode servers of " + servers + " organizations are running.", clock);
        } else {
            status.phase = Chaincode.Status.Phase.DEPLOYING;
            status.conditions = Conditions.progressing(status.conditions, generation, ConditionReason.SERVERS_STARTING,
                    ready + " of " + servers + " organizations' chaincode servers are ready.", clock);
        }
        progress.ifPresent(p -> {
            status.installedOn = p.installedOn();
            status.approvedBy = p.approvedBy();
            status.approvalsBySequence = approvalsBySequence(status.approvalsBySequence, chaincode.getSpec().sequence, p.approvedBy());
            status.awaitingConsent = p.awaitingConsent();
            status.committed = p.committed();
        });
        StatusWriter.write(client, chaincode, stored -> status);
    }
}
