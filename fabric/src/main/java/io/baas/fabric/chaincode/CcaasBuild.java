package io.baas.fabric.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Fabric's {@code ccaas} builder's build step makes of a package's {@code connection.json} on
 * one peer: the file decoded first, then each string field's text filled as a Go template from the
 * peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG (a JSON object), a key it lacks being an error
 * ({@code missingkey=error}). Only {@code {{.key}}} is understood, which is all the platform's
 * packages and its address checks use.
 */
public final class CcaasBuild {

    /** The peer's environment variable holding the template's values. */
    public static final String BUILDER_CONFIG = "CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.([A-Za-z0-9_]+)\\s*}}");

    /** The filled connection: where the peer dials, and the PEM roots it trusts when TLS is required. */
    public record Connection(String address, Optional<String> tlsRootCert) {
    }

    private CcaasBuild() {
    }

    /** The builder configuration's values, as the template sees them (scalars as their text). */
    public static Map<String, String> values(String builderConfigJson) {
        Map<String, String> values = new LinkedHashMap<>();
        if (builderConfigJson == null || builderConfigJson.isBlank()) {
            return values;
        }
        try {
            JsonNode config = JSON.readTree(builderConfigJson);
            if (!config.isObject()) {
                throw new IllegalArgumentException(BUILDER_CONFIG + " is not a JSON object");
            }
            config.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
            return values;
        } catch (IOException e) {
            throw new IllegalArgumentException("Failed to unmarshal " + BUILDER_CONFIG + ": " + e.getMessage(), e);
        }
    }

    /**
     * The package's connection filled with {@code values}.
     *
     * @throws IllegalArgumentException when the package has no readable connection.json or a field uses a key not in {@code values}
     */
    public static Connection fill(ParsedPackage parsed, Map<String, String> values) {
        TarEntry file = connectionFile(parsed).orElseThrow(() -> new IllegalArgumentException("connection.json not found in the package"));
        JsonNode connection;
        try {
            connection = JSON.readTree(file.content().toStringUtf8());
        } catch (IOException e) {
            throw new IllegalArgumentException("connection.json is not JSON: " + e.getMessage(), e);
        }
        String address = render(connection.path("address").asText(""), values);
        Optional<String> root = connection.path("tls_required").asBoolean(false)
                ? Optional.of(render(connection.path("root_cert").asText(""), values)) : Optional.empty();
        return new Connection(address, root);
    }

    /** The package's {@code connection.json}, as the builder finds it in the code archive. */
    public static Optional<TarEntry> connectionFile(ParsedPackage parsed) {
        return parsed.codeEntries().stream()
                .filter(e -> !e.directory() && ("connection.json".equals(e.name()) || CcaasPackageBuilder.CONNECTION_FILE.equals(e.name())))
                .findFirst();
    }

    /** One field's text filled from {@code values}. */
    public static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("map has no entry for key \"" + matcher.group(1) + "\" (the template uses {{."
                        + matcher.group(1) + "}}; the values are " + String.join(", ", values.keySet()) + ")");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
