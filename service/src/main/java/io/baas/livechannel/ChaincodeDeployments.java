package io.baas.livechannel;

import io.baas.chaincode.ChaincodePackageSource;
import io.baas.chaincode.ChaincodePackageSources;
import io.baas.chaincode.PrivateDataCollections;
import io.baas.chaincode.ServerAddress;
import io.baas.chaincode.repository.ChaincodeRepository;
import io.baas.chaincode.repository.PackageVersionView;
import io.baas.config.BaasConfig;
import io.baas.config.RuntimeKind;
import io.baas.consortium.ChannelService;
import io.baas.consortium.NamespaceOwners;
import io.baas.crd.Chaincode;
import io.baas.k8s.build.ChaincodeServerBuilder;
import io.baas.crd.Channel;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.CollectionConfigRules;
import io.baas.fabric.lifecycle.LifecycleMessageException;
import io.baas.fabric.policy.PolicyException;
import io.baas.fabric.policy.SignaturePolicies;
import io.baas.iam.Caller;
import io.baas.k8s.Creates;
import io.baas.k8s.Edits;
import io.baas.keyuse.ApprovalConsent;
import io.baas.keyuse.DatabaseConsents;
import io.baas.reconcile.ChaincodeDefinitions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.jboss.logging.Logger;

/**
 * Chaincodes on a live channel, as its organizations deploy and approve them: any organization on
 * the channel deploys an approved version of its workspace's repository (or a platform package)
 * as a Chaincode resource beside the Channel; the sequence is the committed one + 1 (a change
 * before the commit keeps its sequence and is approved anew); each organization's admin approves
 * exactly the definition shown, and only then does the platform approve for it with its held admin.
 */
@ApplicationScoped
public class ChaincodeDeployments {

    private static final Logger LOG = Logger.getLogger(ChaincodeDeployments.class);
    /** When an organization last approved a definition through the API. */
    public static final String CONSENTS_ANNOTATION = "baas.io/consents-changed";
    private static final Pattern CHANNEL_POLICY = Pattern.compile("^/Channel/Application(/[A-Za-z0-9_.-]+)+$");

    /** What a deployment did: created the Chaincode, changed its definition, or found it as asked. */
    public record Deployed(ChaincodeDeploymentView view, boolean created) {
    }

    private final KubernetesClient client;
    private final ChannelService channels;
    private final NamespaceOwners owners;
    private final ChaincodeRepository repository;
    private final DatabaseConsents consents;
    private final RuntimeKind runtime;
    private final ChaincodePackageSources packages;

    ChaincodeDeployments(KubernetesClient client, ChannelService channels, NamespaceOwners owners, ChaincodeRepository repository,
                         DatabaseConsents consents, BaasConfig config, jakarta.enterprise.inject.Instance<ChaincodePackageSource> sources) {
        this.packages = new ChaincodePackageSources(sources.stream().toList());
        this.client = client;
        this.channels = channels;
        this.owners = owners;
        this.repository = repository;
        this.consents = consents;
        this.runtime = config.runtime().nodes();
    }

    public List<ChaincodeDeploymentView> list(String namespace, String channelName) {
        Channel channel = channels.channel(namespace, channelName);
        Map<String, String> servers = servers(namespace);
        return chaincodes(channel).stream().map(c -> ChaincodeDeploymentView.of(channelName, c, servers)).toList();
    }

    /** The chaincode servers the service runs for the namespace's organization, by the package ID each runs. */
    private Map<String, String> servers(String namespace) {
        Optional<NamespaceOwners.Owner> owner = owners.of(namespace);
        if (owner.isEmpty()) {
            return Map.of();
        }
        Map<String, String> servers = new java.util.HashMap<>();
        for (io.fabric8.kubernetes.api.model.apps.Deployment server : client.apps().deployments().inNamespace(namespace)
                .withLabel(ChaincodeServerBuilder.SERVER_LABEL).withLabel(io.baas.crd.BaasResource.ORGANIZATION_LABEL, owner.get().organization())
                .list().getItems()) {
            String packageId = ChaincodeServerBuilder.chaincodeId(server);
            if (packageId != null && ChaincodeServerBuilder.isServersObject(server, server.getMetadata().getName())) {
                servers.put(packageId, server.getMetadata().getName());
            }
        }
        return servers;
    }

    public ChaincodeDeploymentView get(String namespace, String channelName, String name) {
        Channel channel = channels.channel(namespace, channelName);
        return ChaincodeDeploymentView.of(channelName, find(channel, name)
                .orElseThrow(() -> DomainException.notFound("Chaincode " + name + " is not deployed on channel " + channelName + ".")),
                servers(namespace));
    }

    /** Deploys, upgrades or redefines; the definition the request gives, at the sequence the platform works out. */
    public Deployed deploy(String namespace, String channelName, NewChaincodeDeployment request, Caller caller) {
        Channel channel = channels.channel(namespace, channelName);
        NamespaceOwners.Owner owner = owners.require(namespace);
        validate(request);
        Optional<String> workspace = Optional.ofNullable(request.packageRef().workspace());
        if (workspace.isPresent() && !workspace.get().equals(owner.workspace())) {
            throw DomainException.forbidden("Organization " + owner.organization() + " deploys packages of its own workspace "
                    + owner.workspace() + " or the platform's, not workspace " + workspace.get() + "'s.");
        }
        PackageVersionView version = repository.deployable(workspace, request.packageRef().name(), request.packageRef().version());
        requireRunnable(version);
        Optional<Chaincode> existing = find(channel, request.name());
        checkCollectionsAsPeersWould(channel, request.collections(), existing);
        Chaincode.Spec spec = spec(channel, request, version);
        if (existing.isEmpty()) {
            spec.sequence = 1L;
            Chaincode chaincode = new Chaincode();
            chaincode.getMetadata().setName(resourceName(channelName, request.name()));
            chaincode.getMetadata().setNamespace(channel.getMetadata().getNamespace());
            chaincode.setSpec(spec);
            Chaincode created = Creates.orConflict(() -> client.resources(Chaincode.class).resource(chaincode).create(),
                    "Chaincode " + chaincode.getMetadata().getName() + " was created meanwhile; read it again and retry.");
            LOG.infof("%s deployed chaincode %s (%s) on channel %s from namespace %s, sequence 1.", caller.username(), request.name(),
                    version.packageId(), spec.channel, namespace);
            return new Deployed(ChaincodeDeploymentView.of(channelName, created, Map.of()), true);
        }
        requireOwnServerAddress(existing.get().getSpec().packageRef, spec.packageRef);
        // The reconciler writes the resource's status meanwhile: a write that loses that race is worked out again.
        Deployed changed = Edits.retryingConflicts(() -> change(channel, request.name(), spec));
        LOG.infof("%s changed chaincode %s on channel %s from namespace %s: %s, sequence %d.", caller.username(), request.name(),
                spec.channel, namespace, version.packageId(), changed.view().sequence());
        return changed;
    }

    /** The new definition over the one the resource has now, at the sequence that follows from its status. */
    private Deployed change(Channel channel, String name, Chaincode.Spec wanted) {
        Chaincode chaincode = find(channel, name).orElseThrow(() -> DomainException.conflict("Chaincode " + name
                + " was removed meanwhile; deploy it again."));
        Chaincode.Spec current = chaincode.getSpec();
        Chaincode.Spec spec = copy(wanted);
        spec.replicas = current.replicas;
        if (sameDefinition(current, spec)) {
            return new Deployed(ChaincodeDeploymentView.of(channel.getMetadata().getName(), chaincode,
                    servers(channel.getMetadata().getNamespace())), false);
        }
        spec.sequence = nextSequence(chaincode);
        chaincode.setSpec(spec);
        return new Deployed(ChaincodeDeploymentView.of(channel.getMetadata().getName(),
                client.resources(Chaincode.class).resource(chaincode).update(), servers(channel.getMetadata().getNamespace())), false);
    }

    private static Chaincode.Spec copy(Chaincode.Spec spec) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(spec);
    }

    /** Each organization of the channel on each chaincode's current definition. */
    public List<ChaincodeApprovalView> approvals(String namespace, String channelName) {
        Channel channel = channels.channel(namespace, channelName);
        return chaincodes(channel).stream().map(c -> approval(channel, c)).toList();
    }

    /**
     * The namespace's organization's admin approves the definition shown (sequence and hash): the
     * consent the reconciler needs before it signs the approval with the organization's held admin.
     */
    public ChaincodeApprovalView approve(String namespace, String channelName, ChaincodeApproval request, Caller caller) {
        Channel channel = channels.channel(namespace, channelName);
        NamespaceOwners.Owner owner = owners.require(namespace);
        Chaincode chaincode = find(channel, request.chaincode())
                .orElseThrow(() -> DomainException.notFound("Chaincode " + request.chaincode() + " is not deployed on channel " + channelName + "."));
        Definition definition = definition(chaincode);
        if (!request.sequence().equals(chaincode.getSpec().sequence) || !request.definitionHash().equals(definition.hash())) {
            throw new DomainException(ErrorKind.CONFLICT, "DefinitionChanged", "Chaincode " + request.chaincode() + " on channel "
                    + channelName + " is now at sequence " + chaincode.getSpec().sequence + " with definition hash "
                    + definition.hash() + "; read the approvals again and approve what they show.");
        }
        consents.grant(definition.consent(owner.organization()), caller);
        nudge(chaincode);
        LOG.infof("%s approved chaincode %s sequence %d on channel %s for organization %s.", caller.username(), request.chaincode(),
                request.sequence(), chaincode.getSpec().channel, owner.organization());
        return approval(channel, chaincode);
    }

    /**
     * Consents live in PostgreSQL, which no informer watches: a changed annotation is the event that
     * has the reconciler look at them now rather than at its next consent retry.
     */
    private void nudge(Chaincode chaincode) {
        try {
            client.resources(Chaincode.class).inNamespace(chaincode.getMetadata().getNamespace()).withName(chaincode.getMetadata().getName())
                    .edit(c -> {
                        if (c.getMetadata().getAnnotations() == null) {
                            c.getMetadata().setAnnotations(new java.util.HashMap<>());
                        }
                        c.getMetadata().getAnnotations().put(CONSENTS_ANNOTATION, java.time.Instant.now().toString());
                        return c;
                    });
        } catch (KubernetesClientException e) {
            LOG.debugf("Could not mark chaincode %s for a look at its consents (%s); the consent retry finds them.",
                    chaincode.getMetadata().getName(), e.getMessage());
        }
    }

    private ChaincodeApprovalView approval(Channel channel, Chaincode chaincode) {
        Definition definition;
        try {
            definition = definition(chaincode);
        } catch (DomainException missing) {
            // A resource written around the API may name a package that is not there: nothing to approve.
            return new ChaincodeApprovalView(chaincode.getSpec().name, chaincode.getSpec().version, chaincode.getSpec().sequence, null, null,
                    false, channel.getSpec().organizations.stream()
                    .map(o -> new ChaincodeApprovalView.OrganizationApproval(o, "PackageMissing")).toList());
        } catch (RuntimeException invalid) {
            return new ChaincodeApprovalView(chaincode.getSpec().name, chaincode.getSpec().version, chaincode.getSpec().sequence, null, null,
                    false, channel.getSpec().organizations.stream()
                    .map(o -> new ChaincodeApprovalView.OrganizationApproval(o, "InvalidDefinition")).toList());
        }
        boolean current = ChaincodeDeploymentView.current(chaincode);
        List<String> approvedBy = current ? chaincode.getStatus().approvedBy : List.of();
        boolean committed = current && Boolean.TRUE.equals(chaincode.getStatus().committed);
        List<ChaincodeApprovalView.OrganizationApproval> organizations = new ArrayList<>();
        for (String organization : channel.getSpec().organizations) {
            String state = approvedBy.contains(organization) ? "Approved"
                    : consents.granted(definition.consent(organization)) ? "ConsentGiven" : "AwaitingConsent";
            organizations.add(new ChaincodeApprovalView.OrganizationApproval(organization, state));
        }
        return new ChaincodeApprovalView(chaincode.getSpec().name, chaincode.getSpec().version, chaincode.getSpec().sequence,
                definition.packageId(), definition.hash(), committed, organizations);
    }

    /** The definition the reconciler approves, with the package ID it installs. */
    private record Definition(String channelId, ChaincodeDefinition definition, String packageId) {

        ApprovalConsent consent(String organization) {
            return ApprovalConsent.of(organization, channelId, definition, packageId);
        }

        /** The same for every organization: the channel and the approval's exact argument. */
        String hash() {
            return ApprovalConsent.definitionHash(channelId, definition, packageId);
        }
    }

    private Definition definition(Chaincode chaincode) {
        Chaincode.PackageRef ref = chaincode.getSpec().packageRef;
        PackageVersionView version = repository.deployable(Optional.ofNullable(ref.workspace), ref.name, ref.version);
        return new Definition(chaincode.getSpec().channel, ChaincodeDefinitions.of(chaincode), version.packageId());
    }

    /** The committed sequence + 1; a sequence not committed yet is kept (its approvals are asked for anew). */
    private static long nextSequence(Chaincode chaincode) {
        if (!ChaincodeDeploymentView.current(chaincode)) {
            throw DomainException.conflict("Chaincode " + chaincode.getSpec().name + " has a change the platform has not acted on yet;"
                    + " try again once its status shows it.");
        }
        return Boolean.TRUE.equals(chaincode.getStatus().committed) ? chaincode.getSpec().sequence + 1 : chaincode.getSpec().sequence;
    }

    private static boolean sameDefinition(Chaincode.Spec current, Chaincode.Spec wanted) {
        return Objects.equals(current.version, wanted.version)
                && Objects.equals(current.packageRef.workspace, wanted.packageRef.workspace)
                && Objects.equals(current.packageRef.name, wanted.packageRef.name)
                && Objects.equals(current.packageRef.version, wanted.packageRef.version)
                && Objects.equals(blankToNull(current.endorsementPolicy), blankToNull(wanted.endorsementPolicy))
                && Objects.equals(io.fabric8.kubernetes.client.utils.Serialization.asJson(emptyToNull(current.collections)),
                io.fabric8.kubernetes.client.utils.Serialization.asJson(emptyToNull(wanted.collections)));
    }

    private static Chaincode.Spec spec(Channel channel, NewChaincodeDeployment request, PackageVersionView version) {
        Chaincode.Spec spec = new Chaincode.Spec();
        spec.name = request.name();
        spec.channel = channel.getSpec().channelId;
        spec.version = version.version();
        spec.packageRef = new Chaincode.PackageRef();
        spec.packageRef.workspace = request.packageRef().workspace();
        spec.packageRef.name = request.packageRef().name();
        spec.packageRef.version = request.packageRef().version();
        spec.endorsementPolicy = blankToNull(request.endorsementPolicy());
        spec.collections = emptyToNull(request.collections());
        return spec;
    }

    private static void validate(NewChaincodeDeployment request) {
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(request.initRequired())) {
            throw new DomainException(ErrorKind.INVALID, "InitNotSupported", "initRequired is refused: the gateway never sets is_init;"
                    + " initialise the chaincode with an ordinary transaction (as the built-ins' Initialize).",
                    List.of(new FieldError("initRequired", "must be false or left out")));
        }
        String policy = blankToNull(request.endorsementPolicy());
        if (policy != null && policy.startsWith("/")) {
            if (!CHANNEL_POLICY.matcher(policy).matches()) {
                errors.add(new FieldError("endorsementPolicy", "a channel policy path is under /Channel/Application, e.g. /Channel/Application/Endorsement"));
            }
        } else if (policy != null) {
            try {
                SignaturePolicies.parse(policy);
            } catch (PolicyException | IllegalArgumentException e) {
                errors.add(new FieldError("endorsementPolicy", "is no signature policy: " + e.getMessage()));
            }
        }
        try {
            PrivateDataCollections.toPackage(request.collections());
        } catch (PrivateDataCollections.InvalidCollectionException e) {
            errors.add(new FieldError("collections", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The chaincode definition is refused.", errors);
        }
    }

    /**
     * The checks every organization's peer applies to the collections when it approves and commits
     * (Fabric's _lifecycle): members must be organizations of the channel, and a new sequence may
     * not drop a committed collection nor change its blockToLive. Refused here, with the peers'
     * words, instead of leaving the chaincode Degraded after the deployment was accepted.
     */
    private void checkCollectionsAsPeersWould(Channel channel, List<Chaincode.PrivateDataCollection> collections, Optional<Chaincode> existing) {
        Set<String> mspIds = new HashSet<>();
        for (String name : channel.getSpec().organizations) {
            Organization organization = client.resources(Organization.class).withName(name).get();
            if (organization != null && organization.getSpec() != null && organization.getSpec().mspId != null) {
                mspIds.add(organization.getSpec().mspId);
            }
        }
        Optional<CollectionConfigPackage> committed = existing
                .filter(c -> ChaincodeDeploymentView.current(c) && Boolean.TRUE.equals(c.getStatus().committed))
                .flatMap(c -> PrivateDataCollections.toPackage(c.getSpec().collections));
        try {
            CollectionConfigRules.validate(PrivateDataCollections.toPackage(collections), mspIds::contains, committed);
        } catch (LifecycleMessageException e) {
            throw DomainException.invalid("The chaincode definition is refused: every organization's peer would refuse its collections.",
                    List.of(new FieldError("collections", e.getMessage())));
        }
    }

    /**
     * On Kubernetes and the host a chaincode's server is named by its package's connection.json address: a new
     * package under the same address would replace the servers of the committed sequence before the
     * new one commits, so each version must name its own (e.g. {@code ledger-v2:9999}).
     */
    private void requireOwnServerAddress(Chaincode.PackageRef current, Chaincode.PackageRef wanted) {
        if (runtime == RuntimeKind.SANDBOX || Objects.equals(current.workspace, wanted.workspace)
                && current.name.equals(wanted.name) && current.version.equals(wanted.version)) {
            return;
        }
        Optional<String> before = packages.find(Optional.ofNullable(current.workspace), current.name, current.version)
                .flatMap(p -> ServerAddress.template(p.parsed()));
        Optional<String> after = packages.find(Optional.ofNullable(wanted.workspace), wanted.name, wanted.version)
                .flatMap(p -> ServerAddress.template(p.parsed()));
        if (before.isPresent() && before.equals(after)) {
            throw new DomainException(ErrorKind.INVALID, "ServerAddressReused", "Version " + wanted.version + " of " + wanted.name
                    + " names the same server address (" + after.get() + ") as the deployed version " + current.version
                    + "; its servers would replace those of the committed sequence before the new one commits. Give each version"
                    + " its own address in connection.json.");
        }
    }

    /** The runtime must be able to start the version's server: an image on Kubernetes, its jar on the sandbox and the host. */
    private void requireRunnable(PackageVersionView version) {
        if (version.platform()) {
            return;
        }
        if (runtime == RuntimeKind.KUBERNETES && version.serverImage() == null) {
            throw new DomainException(ErrorKind.INVALID, "NoServerImage", "Version " + version.version() + " of chaincode " + version.name()
                    + " has no server image; the kubernetes runtime runs each chaincode as its image. Upload a version with serverImage.");
        }
        if (runtime != RuntimeKind.KUBERNETES && !version.jarUploaded()) {
            throw new DomainException(ErrorKind.INVALID, "NoJar", "Version " + version.version() + " of chaincode " + version.name()
                    + " has no jar; the " + runtime.name().toLowerCase(Locale.ROOT) + " runtime runs a chaincode from its jar.");
        }
    }

    private List<Chaincode> chaincodes(Channel channel) {
        return client.resources(Chaincode.class).inNamespace(channel.getMetadata().getNamespace()).list().getItems().stream()
                .filter(c -> c.getSpec() != null && channel.getSpec().channelId.equals(c.getSpec().channel))
                .sorted(java.util.Comparator.comparing(c -> c.getSpec().name))
                .toList();
    }

    private Optional<Chaincode> find(Channel channel, String name) {
        return chaincodes(channel).stream().filter(c -> name.equals(c.getSpec().name)).findFirst();
    }

    /** A DNS name per channel and chaincode; chaincode names differing only in case or '_' get their hash too. */
    static String resourceName(String channelName, String chaincode) {
        String lower = chaincode.toLowerCase(Locale.ROOT).replace('_', '-');
        String name = channelName + "-" + lower;
        if (!lower.equals(chaincode)) {
            name += "-" + HexFormat.of().formatHex(io.baas.fabric.Sha256.digest(chaincode.getBytes(StandardCharsets.UTF_8)).toByteArray())
                    .substring(0, 8);
        }
        return name;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
