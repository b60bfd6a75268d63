package io.baas.consortium;

import io.baas.crd.BaasResource;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.fabric.configtx.PolicyDefinition;
import io.baas.k8s.Creates;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consortium's channels as its organizations see them, from their own consortium namespace: the
 * leader creates one in its namespace (the Channel reconciler mints the genesis block, has the
 * orderers serve it and the members' peers join); every organization on a channel reads it, with its
 * height and who joined, from its own namespace; others do not see it.
 */
@ApplicationScoped
public class ChannelService {

    private final KubernetesClient client;
    private final NamespaceOwners owners;

    ChannelService(KubernetesClient client, NamespaceOwners owners) {
        this.client = client;
        this.owners = owners;
    }

    /** The consortium's channels that the namespace's organization is on, by name. */
    public List<Channel> channels(String namespace) {
        return owners.of(namespace).map(this::visible).orElse(List.of());
    }

    public Channel channel(String namespace, String name) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        return visible(owner).stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("Channel " + name + " not found for organization " + owner.organization()
                        + " in consortium " + owner.consortium().getMetadata().getName() + "."));
    }

    /** Creates the channel in the leader's namespace; 403 elsewhere, 400 for organizations that are no members, 409 when taken. */
    public Channel create(String namespace, NewChannel request) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        Consortium consortium = owner.consortium();
        String leader = consortium.getSpec().leader.organization;
        if (!leader.equals(owner.organization())) {
            throw DomainException.forbidden("Only the consortium's leader " + leader + " creates channels, in its own namespace.");
        }
        validateMembers(consortium, request.organizations());
        String consortiumName = consortium.getMetadata().getName();
        if (client.resources(Channel.class).inAnyNamespace().list().getItems().stream()
                .anyMatch(c -> c.getSpec() != null && consortiumName.equals(c.getSpec().consortium)
                        && request.name().equals(c.getSpec().channelId))) {
            throw DomainException.conflict("Consortium " + consortiumName + " already has a channel " + request.name() + ".");
        }
        Channel channel = new Channel();
        channel.getMetadata().setName(request.name());
        channel.getMetadata().setNamespace(namespace);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BaasResource.CONSORTIUM_LABEL, consortiumName);
        labels.put("app.kubernetes.io/managed-by", "ks-baas");
        channel.getMetadata().setLabels(labels);
        Channel.Spec spec = new Channel.Spec();
        spec.channelId = request.name();
        spec.consortium = consortiumName;
        spec.organizations = List.copyOf(request.organizations());
        spec.batch = request.batch() == null ? null : batch(null, request.batch());
        spec.policies = policies(request.policies());
        spec.capabilities = request.capabilities() == null ? null : capabilities(null, request.capabilities());
        channel.setSpec(spec);
        return Creates.orConflict(() -> client.resources(Channel.class).inNamespace(namespace).resource(channel).create(),
                "A channel named " + request.name() + " already exists in " + namespace + ".");
    }

    /**
     * Capability levels: {@code base} (Fabric 2.5's highest when null) with what is requested
     * instead; 400 for a level lower than the base's, which Fabric cannot go back from.
     */
    public static Channel.Capabilities capabilities(Channel.Capabilities base, NewChannel.CapabilityLevels requested) {
        Channel.Capabilities levels = new Channel.Capabilities();
        if (base != null) {
            levels.channel = base.channel;
            levels.orderer = base.orderer;
            levels.application = base.application;
        }
        List<FieldError> errors = new ArrayList<>();
        levels.channel = raised(levels.channel, requested.channel(), "body.capabilities.channel", base != null, errors);
        levels.orderer = raised(levels.orderer, requested.orderer(), "body.capabilities.orderer", base != null, errors);
        levels.application = raised(levels.application, requested.application(), "body.capabilities.application", base != null, errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid("A channel's capability levels are only ever raised.", errors);
        }
        return levels;
    }

    private static String raised(String current, String requested, String field, boolean live, List<FieldError> errors) {
        if (requested == null) {
            return current;
        }
        if (live && requested.compareTo(current) < 0) {
            errors.add(new FieldError(field, "is " + current + "; it cannot go down to " + requested));
            return current;
        }
        return requested;
    }

    /** Policy rules checked as configtx.yaml text (ImplicitMeta or signature policy); 400 naming the first that is not. */
    public static Map<String, String> policies(Map<String, String> requested) {
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        requested.forEach((path, rule) -> {
            try {
                PolicyDefinition.parse(rule);
            } catch (RuntimeException e) {
                errors.add(new FieldError("body.policies." + path, e.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            throw DomainException.invalid("A policy is an ImplicitMeta rule (ANY, ALL or MAJORITY of a sub-policy) or a signature policy"
                    + " such as OR('Org1MSP.admin').", errors);
        }
        return new LinkedHashMap<>(requested);
    }

    private List<Channel> visible(NamespaceOwners.Owner owner) {
        String consortium = owner.consortium().getMetadata().getName();
        return client.resources(Channel.class).inAnyNamespace().list().getItems().stream()
                .filter(c -> c.getSpec() != null && consortium.equals(c.getSpec().consortium)
                        && c.getSpec().organizations.contains(owner.organization()))
                .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
                .toList();
    }

    private static void validateMembers(Consortium consortium, List<String> organizations) {
        Set<String> members = new HashSet<>();
        consortium.getSpec().members.forEach(m -> members.add(m.organization));
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < organizations.size(); i++) {
            String organization = organizations.get(i);
            if (!members.contains(organization)) {
                errors.add(new FieldError("body.organizations[" + i + "]", organization + " is not a member of consortium "
                        + consortium.getMetadata().getName()));
            } else if (!seen.add(organization)) {
                errors.add(new FieldError("body.organizations[" + i + "]", organization + " is named twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("A channel's organizations must be members of its consortium, each named once.", errors);
        }
    }

    /** Block cutting settings: {@code base} (Fabric's sample values when null) with what is requested instead; 400 when inconsistent. */
    public static Channel.Batch batch(Channel.Batch base, NewChannel.BlockCutting requested) {
        Channel.Batch batch = new Channel.Batch();
        if (base != null) {
            batch.timeout = base.timeout;
            batch.maxMessageCount = base.maxMessageCount;
            batch.absoluteMaxBytes = base.absoluteMaxBytes;
            batch.preferredMaxBytes = base.preferredMaxBytes;
        }
        if (requested.timeout() != null) {
            batch.timeout = requested.timeout();
        }
        if (requested.maxMessageCount() != null) {
            batch.maxMessageCount = requested.maxMessageCount();
        }
        if (requested.absoluteMaxBytes() != null) {
            batch.absoluteMaxBytes = requested.absoluteMaxBytes();
        }
        if (requested.preferredMaxBytes() != null) {
            batch.preferredMaxBytes = requested.preferredMaxBytes();
        }
        if (batch.preferredMaxBytes > batch.absoluteMaxBytes) {
            throw DomainException.invalid("The preferred block size cannot exceed the largest.",
                    List.of(new FieldError("body.batch.preferredMaxBytes", "must not exceed absoluteMaxBytes (" + batch.absoluteMaxBytes + ")")));
        }
        return batch;
    }
}
