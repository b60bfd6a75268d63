package io.baas.pki.msp;

/** How secret a file of an MSP or TLS folder is; it decides where the file may be stored. */
public enum FileKind {
    /** A private key: only ever in a Secret or an export. */
    PRIVATE_KEY,
    /** The identity's own certificate: public, but kept with its key so the two renew together. */
    OWN_CERTIFICATE,
    /** Trust material and configuration (CA certificates, config.yaml): public. */
    PUBLIC
}
