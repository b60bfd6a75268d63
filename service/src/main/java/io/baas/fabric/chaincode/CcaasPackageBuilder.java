package io.baas.fabric.chaincode;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds chaincode-as-a-service packages reproducibly: {@code metadata.json} then
 * {@code code.tar.gz} (holding {@code ./} and {@code ./connection.json}), both archives in GNU
 * tar layout and gzip level 6, the layout of Fabric's CCaaS samples. Only the label, the
 * connection and the entries' modification time go in, so approvals never go stale on rebuild.
 */
public final class CcaasPackageBuilder {

    public static final String TYPE = "ccaas";

    private CcaasPackageBuilder() {
    }

    /** A package whose entries carry the Unix epoch as their time. */
    public static ChaincodePackage build(String label, CcaasConnection connection) {
        return build(label, connection, Instant.EPOCH);
    }

    public static ChaincodePackage build(String label, CcaasConnection connection, Instant modified) {
        PackageLabel.require(label);
        byte[] code = GzipWriter.gzip(GnuTarWriter.write(List.of(
                TarEntry.directory("./"),
                TarEntry.file("./connection.json", ByteString.copyFromUtf8(connection.toJson()))), modified));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", TYPE);
        metadata.put("label", label);
        byte[] pkg = GzipWriter.gzip(GnuTarWriter.write(List.of(
                TarEntry.file(ChaincodePackageParser.METADATA_FILE, ByteString.copyFromUtf8(JsonText.object(metadata))),
                TarEntry.file(ChaincodePackageParser.CODE_FILE, ByteString.copyFrom(code))), modified));
        return new ChaincodePackage(label, TYPE, ByteString.copyFrom(pkg));
    }
}
