package io.baas.fabric.chaincode;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The two-space indented JSON of Fabric's CCaaS samples (jq's and Python's style) with a final
 * newline. Written by hand because the package id hashes these bytes: field order and spacing
 * are part of the contract, not a serializer's choice.
 */
final class JsonText {

    private JsonText() {
    }

    /** An object of string and boolean members, in the map's iteration order. */
    static String object(Map<String, Object> members) {
        StringJoiner body = new StringJoiner(",\n", "{\n", "\n}\n");
        members.forEach((name, value) -> body.add("  " + string(name) + ": " + value(value)));
        return body.toString();
    }

    private static String value(Object value) {
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        if (value instanceof String text) {
            return string(text);
        }
        throw new IllegalArgumentException("only strings and booleans are written: " + value);
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
