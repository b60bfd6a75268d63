package io.baas.pki.k8s;

import io.baas.pki.PkiException;
import io.baas.pki.msp.FileKind;
import io.baas.pki.msp.MspFile;
import java.nio.charset.StandardCharsets;

/** The last check before anything goes into a ConfigMap: no private key, however the file was labelled. */
final class PrivateKeyGuard {

    private PrivateKeyGuard() {}

    static void requirePublic(MspFile file) {
        String text = new String(file.content(), StandardCharsets.US_ASCII);
        if (file.kind() != FileKind.PUBLIC || text.contains("PRIVATE KEY-----")) {
            throw new PkiException("refusing to put '" + file.path() + "' into a ConfigMap: it holds a private key");
        }
    }
}
