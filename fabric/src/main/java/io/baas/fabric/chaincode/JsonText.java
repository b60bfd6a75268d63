package io.baas.fabric.chaincode;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The two-space indented JSON of Fabric's CCaaS samples (jq's and Python's style) with a final
 * newline, for the files inside a chaincode package. The layout is written by hand because the
 * package id hashes these bytes: they must be byte-identical with the metadata.json and
 * connection.json of Fabric's own packages (testdata/fabric-2.5.5/chaincode), so field order and
 * spacing are part of the contract, not a serializer's choice. Strings are escaped by Jackson.
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

    private static String string(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
