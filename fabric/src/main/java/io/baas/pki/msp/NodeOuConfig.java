package io.baas.pki.msp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.baas.pki.NodeOu;
import io.baas.pki.PkiException;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The NodeOUs section of an MSP's {@code config.yaml}: whether NodeOUs are on, and for each role
 * the OU value and the CA certificate (a path inside the MSP) that must have issued it.
 */
public record NodeOuConfig(boolean enabled, Map<NodeOu, OuIdentifier> identifiers) {

    /** One {@code <Role>OUIdentifier} entry. */
    public record OuIdentifier(String certificate, String organizationalUnitIdentifier) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public NodeOuConfig {
        identifiers = Map.copyOf(identifiers);
    }

    /** NodeOUs on, every role's identifier pointing at the CA certificate that issues the identities. */
    public static NodeOuConfig enabledFor(String caCertificatePath) {
        Map<NodeOu, OuIdentifier> identifiers = new EnumMap<>(NodeOu.class);
        for (NodeOu ou : NodeOu.values()) {
            identifiers.put(ou, new OuIdentifier(caCertificatePath, ou.identifier()));
        }
        return new NodeOuConfig(true, identifiers);
    }

    public Optional<OuIdentifier> identifier(NodeOu ou) {
        return Optional.ofNullable(identifiers.get(ou));
    }

    /** The YAML in cryptogen's layout and order (client, peer, admin, orderer). */
    public String toYaml() {
        StringBuilder yaml = new StringBuilder("NodeOUs:\n  Enable: ").append(enabled).append('\n');
        for (NodeOu ou : NodeOu.values()) {
            identifier(ou).ifPresent(identifier -> yaml
                    .append("  ").append(key(ou)).append(":\n")
                    .append("    Certificate: ").append(identifier.certificate()).append('\n')
                    .append("    OrganizationalUnitIdentifier: ").append(identifier.organizationalUnitIdentifier()).append('\n'));
        }
        return yaml.toString();
    }

    public static NodeOuConfig parse(String yaml) {
        JsonNode nodeOus;
        try {
            nodeOus = YAML.readTree(yaml).path("NodeOUs");
        } catch (IOException e) {
            throw new PkiException("config.yaml is not valid YAML", e);
        }
        Map<NodeOu, OuIdentifier> identifiers = new EnumMap<>(NodeOu.class);
        for (NodeOu ou : NodeOu.values()) {
            JsonNode entry = nodeOus.path(key(ou));
            if (!entry.isMissingNode()) {
                identifiers.put(ou, new OuIdentifier(entry.path("Certificate").asText(""),
                        entry.path("OrganizationalUnitIdentifier").asText("")));
            }
        }
        return new NodeOuConfig(nodeOus.path("Enable").asBoolean(false), identifiers);
    }

    private static String key(NodeOu ou) {
        String name = ou.identifier();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "OUIdentifier";
    }
}
