package io.baas.apps;

import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import io.baas.fabric.receipt.DocumentDigest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A document sent as a request body, hashed as it streams in: the bytes are neither kept nor
 * written anywhere, only counted against the limit and fed to the digest.
 */
final class Documents {

    private static final int BUFFER = 64 * 1024;

    private Documents() {
    }

    /** A digest of the algorithm (named in any case), or a 400 naming the field that chose it. */
    static DocumentDigest digest(String algorithm, String field) {
        return DocumentDigest.of(algorithm).orElseThrow(() -> DomainException.invalid("The hash algorithm is not one the notarization"
                + " chaincode knows.", List.of(new FieldError(field, "must be one of " + String.join(", ", DocumentDigest.ALGORITHMS)))));
    }

    /**
     * The body's digest in lower-case hex.
     *
     * @throws DomainException 413 one byte past {@code limit}; 400 EmptyBody for no bytes at all
     */
    static String hash(InputStream body, DocumentDigest digest, long limit) {
        long read = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = body == null ? InputStream.nullInputStream() : body) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
                if (read > limit) {
                    throw new DomainException(ErrorKind.TOO_LARGE, ErrorKind.TOO_LARGE.reason(), "The document is larger than the limit of "
                            + limit + " bytes; send its digest instead.");
                }
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new DomainException(ErrorKind.INVALID, "IncompleteBody", "The document could not be read to its end: " + e.getMessage());
        }
        if (read == 0) {
            throw new DomainException(ErrorKind.INVALID, "EmptyBody", "The request body is empty; send the document as the body.");
        }
        return digest.hex();
    }
}
