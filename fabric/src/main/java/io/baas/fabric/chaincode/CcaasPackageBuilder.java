package io.baas.fabric.chaincode;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds chaincode-as-a-service packages reproducibly: {@code metadata.json} then
 * {@code code.tar.gz} (holding {@code ./} and {@code ./connection.json}), both archives in GNU
 * tar layout and gzip level 6, the layout of Fabric's CCaaS samples. Only the label, the
 * connection, any further code files and the entries' modification time go in, so approvals never
 * go stale on rebuild.
 */
public final class CcaasPackageBuilder {

    public static final String TYPE = "ccaas";
    public static final String CONNECTION_FILE = "./connection.json";

    private CcaasPackageBuilder() {
    }

    /** A package whose entries carry the Unix epoch as their time. */
    public static ChaincodePackage build(String label, CcaasConnection connection) {
        return build(label, connection, Instant.EPOCH);
    }

    public static ChaincodePackage build(String label, CcaasConnection connection, Instant modified) {
        return build(label, connection, List.of(), modified);
    }

    /**
     * A package whose code archive also holds {@code codeFiles} after {@code ./connection.json}, in
     * the given order (such as {@code ./sandbox.json}: Fabric's ccaas builder ignores them).
     *
     * @param codeFiles regular files named {@code ./<name>}, one level deep
     */
    public static ChaincodePackage build(String label, CcaasConnection connection, List<TarEntry> codeFiles, Instant modified) {
        PackageLabel.require(label);
        List<TarEntry> codeEntries = new ArrayList<>(List.of(
                TarEntry.directory("./"),
                TarEntry.file(CONNECTION_FILE, ByteString.copyFromUtf8(connection.toJson()))));
        Set<String> names = new HashSet<>(Set.of(CONNECTION_FILE));
        for (TarEntry file : codeFiles) {
            String name = file.name();
            if (file.directory() || !name.startsWith("./") || name.length() == 2 || name.indexOf('/', 2) >= 0 || name.equals("./..")) {
                throw new IllegalArgumentException("code files are regular files directly under ./, not " + name);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("the code archive would hold " + name + " twice");
            }
            codeEntries.add(file);
        }
        byte[] code = GzipWriter.gzip(GnuTarWriter.write(codeEntries, modified));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", TYPE);
        metadata.put("label", label);
        byte[] pkg = GzipWriter.gzip(GnuTarWriter.write(List.of(
                TarEntry.file(ChaincodePackageParser.METADATA_FILE, ByteString.copyFromUtf8(JsonText.object(metadata))),
                TarEntry.file(ChaincodePackageParser.CODE_FILE, ByteString.copyFrom(code))), modified));
        return new ChaincodePackage(label, TYPE, ByteString.copyFrom(pkg));
    }
}
