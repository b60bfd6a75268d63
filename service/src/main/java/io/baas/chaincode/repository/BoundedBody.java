package io.baas.chaincode.repository;

import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads an uploaded body as it streams in, refusing it as soon as it passes its limit. */
final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * @throws DomainException 413 RequestEntityTooLarge one byte past {@code limit}; 400 EmptyBody for none
     */
    static byte[] read(InputStream body, long limit, String what) {
        if (body == null) {
            throw empty(what);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                if ((long) out.size() + n > limit) {
                    throw new DomainException(ErrorKind.TOO_LARGE, ErrorKind.TOO_LARGE.reason(), "The " + what
                            + " is larger than the limit of " + limit + " bytes.");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new DomainException(ErrorKind.INVALID, "IncompleteBody", "The " + what + " could not be read to its end: " + e.getMessage());
        }
        if (out.size() == 0) {
            throw empty(what);
        }
        return out.toByteArray();
    }

    private static DomainException empty(String what) {
        return new DomainException(ErrorKind.INVALID, "EmptyBody", "The request body is empty; send the " + what + " as the body.");
    }
}
