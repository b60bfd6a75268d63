package io.baas.fabric.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CouchDB indexes a chaincode package declares, where Fabric's peer looks for them in its code
 * archive: {@code META-INF/statedb/couchdb/indexes/*.json} for the channel's state, and
 * {@code META-INF/statedb/couchdb/collections/<collection>/indexes/*.json} for a private data
 * collection. The peer creates them itself when the chaincode is installed or its definition
 * committed; the platform only checks them at upload and reports them. An index file must be a JSON
 * object whose {@code index.fields} is a non-empty array of field names or single-field
 * {@code {"field": "asc"|"desc"}} objects, with optional string {@code ddoc} and {@code name} and
 * {@code type} {@code json}, as the peer's own validation has it.
 */
public final class CouchDbIndexes {

    private static final Pattern STATEDB = Pattern.compile("^(?:\\./)?META-INF/statedb/couchdb/(.*)$");
    private static final Pattern CHANNEL_INDEX = Pattern.compile("^indexes/([^/]+)$");
    private static final Pattern COLLECTION_INDEX = Pattern.compile("^collections/([^/]+)/indexes/([^/]+)$");
    /** Fabric's collection name rule. */
    private static final Pattern COLLECTION_NAME = Pattern.compile("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CouchDbIndexes() {
    }

    /** One declared index: for the channel's state ({@code collection} empty) or for a collection. */
    public record Index(String path, Optional<String> collection, String name, List<String> fields) {
    }

    /** The indexes of a code archive's entries; ChaincodePackageException INVALID_INDEX naming the file for a bad one. */
    public static List<Index> of(List<TarEntry> codeEntries) {
        List<Index> indexes = new ArrayList<>();
        for (TarEntry entry : codeEntries) {
            Matcher statedb = STATEDB.matcher(entry.name());
            if (entry.directory() || !statedb.matches()) {
                continue;
            }
            String relative = statedb.group(1);
            Matcher channel = CHANNEL_INDEX.matcher(relative);
            Matcher collection = COLLECTION_INDEX.matcher(relative);
            Optional<String> collectionName;
            String file;
            if (channel.matches()) {
                collectionName = Optional.empty();
                file = channel.group(1);
            } else if (collection.matches()) {
                if (!COLLECTION_NAME.matcher(collection.group(1)).matches()) {
                    throw invalid(entry, "\"" + collection.group(1) + "\" is no collection name");
                }
                collectionName = Optional.of(collection.group(1));
                file = collection.group(2);
            } else {
                throw invalid(entry, "it is neither META-INF/statedb/couchdb/indexes/<file>.json nor"
                        + " META-INF/statedb/couchdb/collections/<collection>/indexes/<file>.json");
            }
            if (!file.endsWith(".json")) {
                throw invalid(entry, "an index file's name ends in .json");
            }
            indexes.add(index(entry, collectionName));
        }
        return List.copyOf(indexes);
    }

    private static Index index(TarEntry entry, Optional<String> collection) {
        JsonNode json;
        try {
            json = JSON.readTree(entry.content().toByteArray());
        } catch (IOException e) {
            throw invalid(entry, "it is not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw invalid(entry, "it is not a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!List.of("index", "ddoc", "name", "type").contains(field)) {
                throw invalid(entry, "\"" + field + "\" is no field of an index definition (index, ddoc, name, type)");
            }
        }
        for (String field : List.of("ddoc", "name")) {
            if (json.has(field) && !json.get(field).isTextual()) {
                throw invalid(entry, "\"" + field + "\" is a string");
            }
        }
        if (json.has("type") && !"json".equals(json.get("type").asText(null))) {
            throw invalid(entry, "\"type\" is json");
        }
        JsonNode fields = json.path("index").path("fields");
        if (!fields.isArray() || fields.isEmpty()) {
            throw invalid(entry, "\"index.fields\" is a non-empty array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode field : fields) {
            if (field.isTextual() && !field.asText().isEmpty()) {
                names.add(field.asText());
            } else if (field.isObject() && field.size() == 1) {
                Map.Entry<String, JsonNode> sort = field.fields().next();
                if (!sort.getValue().isTextual() || !List.of("asc", "desc").contains(sort.getValue().asText())) {
                    throw invalid(entry, "the sort of field \"" + sort.getKey() + "\" is asc or desc");
                }
                names.add(sort.getKey() + " " + sort.getValue().asText());
            } else {
                throw invalid(entry, "each of \"index.fields\" is a field name or {\"<field>\": \"asc\"|\"desc\"}");
            }
        }
        String name = json.path("name").asText(entry.name().substring(entry.name().lastIndexOf('/') + 1).replaceFirst("\\.json$", ""));
        return new Index(entry.name(), collection, name, List.copyOf(names));
    }

    private static ChaincodePackageException invalid(TarEntry entry, String why) {
        return new ChaincodePackageException(ChaincodePackageException.Reason.INVALID_INDEX, "CouchDB index " + entry.name() + ": " + why);
    }
}
