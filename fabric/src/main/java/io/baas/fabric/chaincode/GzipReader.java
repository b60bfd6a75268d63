package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.NOT_GZIP;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

final class GzipReader {

    private GzipReader() {
    }

    /** Decompresses, failing as soon as the output would exceed what the budget has left. */
    static byte[] gunzip(byte[] gzip, String what, Budget budget) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                budget.spendBytes(n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ChaincodePackageException(NOT_GZIP, what + " is not a gzip stream: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
