package io.baas.k8s.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The schemas of the kinds that are not Kubernetes' own, by "apiVersion Kind": the baas.io CRDs of
 * {@code crds/} (their served versions' openAPIV3Schema) and KubeSphere 4.1's, from the facts in
 * {@code testdata/kubesphere-4.1/} (see its README for the notation), turned into the same
 * structural-schema shape.
 */
public final class SchemaCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A schema and whether the kind is namespaced. */
    public record Kind(JsonNode schema, boolean namespaced, String source) {
    }

    private final Map<String, Kind> kinds = new TreeMap<>();

    public static SchemaCatalog load(Path repository) {
        SchemaCatalog catalog = new SchemaCatalog();
        catalog.crds(repository.resolve("crds"));
        catalog.notation(repository.resolve("testdata/kubesphere-4.1"));
        return catalog;
    }

    public Optional<Kind> kind(String apiVersion, String kind) {
        return Optional.ofNullable(kinds.get(apiVersion + " " + kind));
    }

    public java.util.Set<String> names() {
        return kinds.keySet();
    }

    private void crds(Path folder) {
        for (Path file : files(folder, ".yml")) {
            JsonNode crd = read(file);
            JsonNode spec = crd.path("spec");
            for (JsonNode version : spec.path("versions")) {
                if (version.path("served").asBoolean(false)) {
                    kinds.put(spec.path("group").asText() + "/" + version.path("name").asText() + " " + spec.at("/names/kind").asText(),
                            new Kind(version.at("/schema/openAPIV3Schema"), "Namespaced".equals(spec.path("scope").asText()),
                                    "crds/" + file.getFileName()));
                }
            }
        }
    }

    private void notation(Path folder) {
        for (Path file : files(folder, ".yaml")) {
            JsonNode facts = read(file);
            kinds.put(facts.path("apiVersion").asText() + " " + facts.path("kind").asText(),
                    new Kind(object(facts.path("fields")), "Namespaced".equals(facts.path("scope").asText()),
                            "testdata/kubesphere-4.1/" + file.getFileName()));
        }
    }

    /** The notation of the KubeSphere facts as a structural schema. */
    static JsonNode schema(JsonNode notation) {
        if (notation.isObject()) {
            return object(notation);
        }
        if (notation.isArray()) {
            if (notation.size() != 1) {
                throw new IllegalArgumentException("a list type has one element, the item's fields: " + notation);
            }
            return NODES.objectNode().put("type", "array").set("items", schema(notation.get(0)));
        }
        String type = notation.asText();
        if (type.startsWith("map of ")) {
            return NODES.objectNode().put("type", "object").set("additionalProperties", schema(NODES.textNode(type.substring(7))));
        }
        if (type.startsWith("list of ")) {
            return NODES.objectNode().put("type", "array").set("items", schema(NODES.textNode(type.substring(8))));
        }
        return switch (type) {
            case "string", "boolean", "integer" -> NODES.objectNode().put("type", type);
            case "int32", "int64" -> NODES.objectNode().put("type", "integer").put("format", type);
            case "date-time", "byte" -> NODES.objectNode().put("type", "string").put("format", type);
            case "any" -> NODES.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
            case "embedded" -> NODES.objectNode().put("type", "object").put("x-kubernetes-embedded-resource", true)
                    .put("x-kubernetes-preserve-unknown-fields", true);
            default -> throw new IllegalArgumentException("unknown type in the notation: " + type);
        };
    }

    private static ObjectNode object(JsonNode fields) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = NODES.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            if (name.endsWith("!")) {
                name = name.substring(0, name.length() - 1);
                required.add(name);
            }
            properties.set(name, schema(field.getValue()));
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.List<Path> files(Path folder, String suffix) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
