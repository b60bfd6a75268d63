package io.baas.chaincode.common;

import java.util.List;
import java.util.StringJoiner;

/**
 * Compact JSON written in a fixed member order. Every endorsing peer must return the same bytes
 * for the same transaction, so responses, stored records and event payloads are written here
 * rather than by a serializer whose member order is not part of its contract.
 */
public final class Json {

    private final StringJoiner members = new StringJoiner(",", "{", "}");

    private Json() {
    }

    public static Json object() {
        return new Json();
    }

    public Json put(String name, String value) {
        members.add(quote(name) + ":" + (value == null ? "null" : quote(value)));
        return this;
    }

    public Json put(String name, long value) {
        members.add(quote(name) + ":" + value);
        return this;
    }

    public Json put(String name, boolean value) {
        members.add(quote(name) + ":" + value);
        return this;
    }

    /** A member whose value is JSON text already (an object or array written here). */
    public Json putRaw(String name, String json) {
        members.add(quote(name) + ":" + json);
        return this;
    }

    public Json put(String name, Json value) {
        return putRaw(name, value.toString());
    }

    /** An array of JSON texts. */
    public static String array(List<String> jsonValues) {
        StringJoiner array = new StringJoiner(",", "[", "]");
        jsonValues.forEach(array::add);
        return array.toString();
    }

    /** An array of strings. */
    public static String stringArray(List<String> values) {
        return array(values.stream().map(Json::quote).toList());
    }

    @Override
    public String toString() {
        return members.toString();
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
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
