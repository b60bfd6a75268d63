package io.baas.k8s.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a peer tells Fabric's {@code ccaas} builder (CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG): the
 * values a CCaaS package's {@code connection.json} template may use ({@code {{.namespace}}},
 * ...). One package then serves every organization: each peer fills in its own organization's
 * values, so it dials its organization's chaincode server with its organization's TLS CA.
 *
 * <p>Fabric's builder decodes connection.json first and fills each field's text separately, so
 * values go in as they are: {@code tlsrootcert} is the PEM itself.
 */
public record ChaincodeBuilderConfig(String peerName, String namespace, String organization, String mspId,
                                     String clusterDomain, String tlsRootCertPem) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.([A-Za-z0-9_]+)\\s*}}");

    /** The values by key, as a template sees them. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("peername", peerName);
        values.put("namespace", namespace);
        values.put("organization", organization);
        values.put("mspid", mspId);
        values.put("clusterdomain", clusterDomain);
        values.put("tlsrootcert", tlsRootCertPem == null ? "" : tlsRootCertPem);
        return values;
    }

    /** The environment variable's value: a JSON object of {@link #values()}. */
    public String json() {
        try {
            return JSON.writeValueAsString(values());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the ccaas builder configuration", e);
        }
    }

    /**
     * One field's template filled as the builder fills it, for the keys it knows; an unknown key is
     * an error here (Go's template would print "<no value>" and the peer would dial nowhere).
     */
    public String render(String template) {
        Map<String, String> values = values();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!values.containsKey(matcher.group(1))) {
                throw new IllegalArgumentException("the template uses {{." + matcher.group(1) + "}}, which peers do not provide; they provide "
                        + String.join(", ", values.keySet()));
            }
        }
        return io.baas.fabric.chaincode.CcaasBuild.render(template, values);
    }

}
