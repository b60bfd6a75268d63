package io.baas.fabric.configtx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peer organizations of a channel with their capabilities, policies and ACLs (resource name
 * to policy reference, such as {@code "peer/Propose" -> "/Channel/Application/Writers"}).
 */
public record ApplicationSection(
        List<ApplicationOrganization> organizations,
        Set<String> capabilities,
        Map<String, PolicyDefinition> policies,
        Map<String, String> acls) {

    public ApplicationSection {
        organizations = List.copyOf(organizations);
        capabilities = Set.copyOf(capabilities);
        policies = Map.copyOf(policies);
        acls = Map.copyOf(acls);
        Organizations.checkDistinct(organizations.stream().map(ApplicationOrganization::name).toList(),
                organizations.stream().map(org -> org.msp().mspId()).toList());
    }

    /** Capability V2_5, the default policies and no ACL overrides (peers then use their defaults). */
    public static ApplicationSection of(List<ApplicationOrganization> organizations) {
        return new ApplicationSection(organizations, Set.of("V2_5"), DefaultPolicies.application(), Map.of());
    }

    public ApplicationOrganization organization(String name) {
        return organizations.stream()
                .filter(org -> org.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ChannelConfigException("the channel has no application organization " + name));
    }

    public ApplicationSection withOrganization(ApplicationOrganization organization) {
        List<ApplicationOrganization> changed = new ArrayList<>(organizations);
        changed.add(organization);
        return new ApplicationSection(changed, capabilities, policies, acls);
    }

    public ApplicationSection withAnchorPeers(String organizationName, List<HostPort> anchorPeers) {
        ApplicationOrganization changedOrganization = organization(organizationName).withAnchorPeers(anchorPeers);
        List<ApplicationOrganization> changed = organizations.stream()
                .map(org -> org.name().equals(organizationName) ? changedOrganization : org)
                .toList();
        return new ApplicationSection(changed, capabilities, policies, acls);
    }

    public ApplicationSection withCapabilities(Set<String> changed) {
        return new ApplicationSection(organizations, changed, policies, acls);
    }

    public ApplicationSection withPolicies(Map<String, PolicyDefinition> changed) {
        return new ApplicationSection(organizations, capabilities, changed, acls);
    }
}
