package io.baas.k8s.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A custom resource against its CRD's openAPIV3Schema, strictly, as an API server asked for
 * {@code fieldValidation=Strict} (kubectl's default) checks it.
 *
 * <p>Written here rather than taken from a JSON-Schema library: a CRD schema is a Kubernetes
 * <em>structural</em> schema, not JSON Schema. It has no $ref, oneOf-driven typing or draft
 * semantics, but it has its own keywords a JSON-Schema validator does not know
 * ({@code x-kubernetes-preserve-unknown-fields}, {@code x-kubernetes-int-or-string},
 * {@code x-kubernetes-embedded-resource}, {@code nullable}), and unknown fields are refused
 * (a JSON-Schema validator would accept them unless every level said additionalProperties: false).
 * What is checked: type, properties, required, additionalProperties, items, enum, pattern,
 * min/maxLength, min/maxItems, minimum/maximum, format int32/int64, nullable. CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated: their tests live with the CRD classes.
 */
public final class StructuralSchema {

    private StructuralSchema() {
    }

    /** Every violation of the object (apiVersion, kind and metadata are the API server's, not the schema's). */
    public static List<String> validate(JsonNode schema, JsonNode object) {
        List<String> out = new ArrayList<>();
        validateObject(schema, object, "", out, true);
        return out;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                out.add(path + ": null is not allowed (nullable is not set)");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                out.add(path + ": must be an integer or a string, is " + value.getNodeType());
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> validateObject(schema, value, path, out, false);
            case "array" -> {
                if (!value.isArray()) {
                    out.add(path + ": must be an array, is " + value.getNodeType());
                    return;
                }
                if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                    out.add(path + ": must have at least " + schema.get("minItems").asInt() + " items");
                }
                if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                    out.add(path + ": must have at most " + schema.get("maxItems").asInt() + " items");
                }
                if (schema.has("items")) {
                    for (int i = 0; i < value.size(); i++) {
                        check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
                    }
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(path + ": must be a string, is " + value.getNodeType());
                    return;
                }
                String text = value.asText();
                if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                    out.add(path + ": \"" + text + "\" does not match pattern " + schema.get("pattern").asText());
                }
                if (schema.has("minLength") && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
                    out.add(path + ": shorter than minLength " + schema.get("minLength").asInt());
                }
                if (schema.has("maxLength") && text.codePointCount(0, text.length()) > schema.get("maxLength").asInt()) {
                    out.add(path + ": longer than maxLength " + schema.get("maxLength").asInt());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    out.add(path + ": must be an integer, is " + value.getNodeType() + " " + value);
                    return;
                }
                String format = schema.path("format").asText("");
                if (format.equals("int32") && !value.canConvertToInt() || format.equals("int64") && !value.canConvertToLong()) {
                    out.add(path + ": " + value + " does not fit format " + format);
                }
                bounds(schema, value, path, out);
            }
            case "number" -> {
                if (!value.isNumber()) {
                    out.add(path + ": must be a number, is " + value.getNodeType());
                    return;
                }
                bounds(schema, value, path, out);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(path + ": must be a boolean, is " + value.getNodeType());
                }
            }
            case "" -> {
                // Untyped: only legal in a structural schema with x-kubernetes-preserve-unknown-fields (any value).
                if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    out.add(path + ": the schema has no type (not structural), so the value cannot be checked");
                }
            }
            default -> out.add(path + ": unknown schema type " + type);
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                out.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
    }

    private static void bounds(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            out.add(path + ": " + value + " is below minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            out.add(path + ": " + value + " is above maximum " + schema.get("maximum"));
        }
    }

    private static void validateObject(JsonNode schema, JsonNode value, String path, List<String> out, boolean root) {
        if (!value.isObject()) {
            out.add((path.isEmpty() ? "." : path) + ": must be an object, is " + value.getNodeType());
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                out.add(path + "." + required.asText() + ": required field is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        // An embedded resource (and the root) carries apiVersion, kind and metadata without declaring them.
        boolean embedded = root || schema.path("x-kubernetes-embedded-resource").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String at = path + "." + name;
            if (properties.has(name)) {
                if (embedded && name.equals("metadata") && properties.get(name).path("properties").isEmpty()) {
                    continue; // metadata is the API server's ObjectMeta, checked against its own model
                }
                check(properties.get(name), field.getValue(), at, out);
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), at, out);
            } else if (additional != null && additional.asBoolean(false)) {
                continue;
            } else if (embedded && (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata"))) {
                continue;
            } else if (!preserve) {
                out.add(at + ": unknown field (not in the schema)");
            }
        }
    }
}
