package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_CONNECTION;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_METADATA;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.MISSING_CODE;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.MISSING_METADATA;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.OVERSIZE;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.SPECIAL_FILE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Validates an uploaded chaincode package before it is stored or installed. Applies the rules of
 * Fabric's package persistence (gzip of a tar of regular files, metadata.json with a valid label,
 * code.tar.gz) and stricter ones of our own on the code archive: no links, special files,
 * absolute paths or {@code ..}, bounded sizes, a usable connection.json for CCaaS, and CouchDB index
 * definitions the peer can read.
 */
public final class ChaincodePackageParser {

    public static final String METADATA_FILE = "metadata.json";
    public static final String CODE_FILE = "code.tar.gz";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChaincodePackageParser() {
    }

    public static ParsedPackage parse(byte[] packageBytes) {
        return parse(packageBytes, PackageLimits.DEFAULT);
    }

    public static ParsedPackage parse(byte[] packageBytes, PackageLimits limits) {
        if (packageBytes.length > limits.maxPackageBytes()) {
            throw new ChaincodePackageException(OVERSIZE,
                    "package is " + packageBytes.length + " bytes, more than the allowed " + limits.maxPackageBytes());
        }
        Budget budget = new Budget(limits);
        List<TarEntry> entries = TarReader.readTarGz(packageBytes, "package", budget);
        for (TarEntry entry : entries) {
            if (entry.directory()) {
                throw new ChaincodePackageException(SPECIAL_FILE, "package holds a directory, Fabric takes only files: " + entry.name());
            }
        }
        PackageMetadata metadata = metadata(find(entries, METADATA_FILE)
                .orElseThrow(() -> new ChaincodePackageException(MISSING_METADATA, "package has no " + METADATA_FILE)));
        TarEntry code = find(entries, CODE_FILE)
                .orElseThrow(() -> new ChaincodePackageException(MISSING_CODE, "package has no " + CODE_FILE));
        List<TarEntry> codeEntries = TarReader.readTarGz(code.content().toByteArray(), CODE_FILE, budget);
        if (metadata.type().equalsIgnoreCase(CcaasPackageBuilder.TYPE)) {
            requireConnection(codeEntries);
        }
        // The peer refuses to install a package whose CouchDB indexes it cannot read; so do we, earlier.
        CouchDbIndexes.of(codeEntries);
        return new ParsedPackage(new ChaincodePackage(metadata.label(), metadata.type(), ByteString.copyFrom(packageBytes)),
                metadata, codeEntries);
    }

    /**
     * A package the platform can run: of type {@code ccaas} (Fabric's chaincode-as-a-service
     * builder), so every runtime starts its server and the peer dials it. Other types need a
     * builder inside the peer, which the platform's peers do not have.
     */
    public static ParsedPackage parseCcaas(byte[] packageBytes, PackageLimits limits) {
        ParsedPackage parsed = parse(packageBytes, limits);
        if (!parsed.metadata().type().equalsIgnoreCase(CcaasPackageBuilder.TYPE)) {
            throw new ChaincodePackageException(ChaincodePackageException.Reason.UNKNOWN_TYPE, METADATA_FILE + " names type '"
                    + parsed.metadata().type() + "'; the platform runs only '" + CcaasPackageBuilder.TYPE
                    + "' packages (a chaincode server the peer dials)");
        }
        return parsed;
    }

    private static PackageMetadata metadata(TarEntry file) {
        JsonNode json = readJson(file, INVALID_METADATA);
        String type = text(json, "type", INVALID_METADATA);
        if (type.isEmpty()) {
            throw new ChaincodePackageException(INVALID_METADATA, METADATA_FILE + " has no type");
        }
        return new PackageMetadata(type, PackageLabel.require(text(json, "label", INVALID_METADATA)),
                text(json, "path", INVALID_METADATA));
    }

    private static void requireConnection(List<TarEntry> codeEntries) {
        TarEntry connection = codeEntries.stream()
                .filter(entry -> !entry.directory())
                .filter(entry -> entry.name().equals("connection.json") || entry.name().equals("./connection.json"))
                .findFirst()
                .orElseThrow(() -> new ChaincodePackageException(INVALID_CONNECTION, "ccaas package has no connection.json"));
        if (text(readJson(connection, INVALID_CONNECTION), "address", INVALID_CONNECTION).isBlank()) {
            throw new ChaincodePackageException(INVALID_CONNECTION, "connection.json has no address");
        }
    }

    private static JsonNode readJson(TarEntry file, ChaincodePackageException.Reason reason) {
        try {
            JsonNode json = JSON.readTree(file.content().toByteArray());
            if (json == null || !json.isObject()) {
                throw new ChaincodePackageException(reason, file.name() + " is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new ChaincodePackageException(reason, file.name() + " is not valid JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field, ChaincodePackageException.Reason reason) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new ChaincodePackageException(reason, "'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static Optional<TarEntry> find(List<TarEntry> entries, String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
