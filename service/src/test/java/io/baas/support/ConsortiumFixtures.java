package io.baas.support;

import io.baas.crd.Consortium;
import io.baas.k8s.build.ConsortiumNamespaces;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;

/**
 * Consortium namespaces as the service makes them: a namespace belongs to an organization only when
 * a consortium created it, marked it with its uid and recorded it in its status, so tests that need
 * nodes in an organization's namespace make one this way rather than by labelling a namespace.
 */
public final class ConsortiumFixtures {

    private ConsortiumFixtures() {
    }

    /**
     * Without a running reconciler (mock server): the consortium with these members (organization,
     * workspace pairs; the first leads), each namespace {@code <consortium>-<organization>} made and
     * recorded as the reconciler would.
     */
    public static Consortium made(KubernetesClient client, String name, String... organizationAndWorkspace) {
        Consortium consortium = spec(name, organizationAndWorkspace);
        Consortium stored = client.resources(Consortium.class).resource(consortium).create();
        stored.setStatus(new Consortium.Status());
        stored.getStatus().namespaces = new LinkedHashMap<>();
        for (Consortium.Member member : stored.getSpec().members) {
            String namespace = ConsortiumNamespaces.namespaceName(name, member.organization);
            Namespace desired = ConsortiumNamespaces.namespace(stored, member, namespace, TestPlatform.SETTINGS);
            client.namespaces().resource(desired).create();
            stored.getStatus().namespaces.put(member.organization, namespace);
        }
        return client.resources(Consortium.class).resource(stored).updateStatus();
    }

    /**
     * With the service running: makes the organization a member of the consortium (created when
     * missing) and waits until the consortium's reconciler made and recorded its namespace.
     * Returns the namespace.
     */
    public static String joined(KubernetesClient client, String name, String organization, String workspace) {
        if (client.resources(Consortium.class).withName(name).get() == null) {
            client.resources(Consortium.class).resource(spec(name, organization, workspace)).create();
        } else {
            Edits.retryingConflicts(client.resources(Consortium.class).withName(name), c -> {
                if (c.getSpec().members.stream().noneMatch(m -> m.organization.equals(organization))) {
                    c.getSpec().members.add(new Consortium.Member(organization, workspace));
                }
                return c;
            });
        }
        KubeSphereFixtures.await(() -> {
            Consortium stored = client.resources(Consortium.class).withName(name).get();
            return stored.getStatus() != null && stored.getStatus().namespaces != null
                    && stored.getStatus().namespaces.containsKey(organization)
                    && client.namespaces().withName(stored.getStatus().namespaces.get(organization)).get() != null;
        });
        return client.resources(Consortium.class).withName(name).get().getStatus().namespaces.get(organization);
    }

    private static Consortium spec(String name, String... organizationAndWorkspace) {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(name);
        consortium.setSpec(new Consortium.Spec());
        for (int i = 0; i < organizationAndWorkspace.length; i += 2) {
            consortium.getSpec().members.add(new Consortium.Member(organizationAndWorkspace[i], organizationAndWorkspace[i + 1]));
        }
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        return consortium;
    }
}
