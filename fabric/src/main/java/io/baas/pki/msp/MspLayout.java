package io.baas.pki.msp;

import io.baas.pki.CaCertificates;
import io.baas.pki.Certificates;
import io.baas.pki.Identity;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Fabric's folder layouts, as cryptogen writes them: an MSP ({@code cacerts}, {@code
 * intermediatecerts}, {@code tlscacerts}, {@code tlsintermediatecerts}, {@code signcerts},
 * {@code keystore}, {@code config.yaml}) and a TLS folder ({@code ca.crt} and
 * {@code server.*} for nodes, {@code client.*} for everyone else). NodeOUs are always on, so
 * {@code admincerts} is never needed: admins are recognized by their OU.
 */
public final class MspLayout {

    public static final String CONFIG_YAML = "config.yaml";
    public static final String KEYSTORE_FILE = "keystore/priv_sk";

    private MspLayout() {}

    /** The organization's public MSP, as channel configurations and verifiers need it: no signer. */
    public static FileTree organizationMsp(OrganizationCas cas) {
        return organizationMsp(cas.certificates());
    }

    /** The same, from the CA certificates alone (a built-in CA's or an external Fabric CA's). */
    public static FileTree organizationMsp(CaCertificates cas) {
        List<MspFile> files = new ArrayList<>();
        String issuingCaPath = addTrust(files, cas.signingChain(), "cacerts", "intermediatecerts");
        addTrust(files, cas.tlsChain(), "tlscacerts", "tlsintermediatecerts");
        files.add(MspFile.text(CONFIG_YAML, NodeOuConfig.enabledFor(issuingCaPath).toYaml(), FileKind.PUBLIC));
        return FileTree.of(files);
    }

    /** An identity's local MSP: the organization MSP plus its signing certificate and key. */
    public static FileTree identityMsp(OrganizationCas cas, Identity identity) {
        return identityMsp(cas.certificates(), identity);
    }

    public static FileTree identityMsp(CaCertificates cas, Identity identity) {
        X509Certificate signing = identity.signing().certificate();
        return organizationMsp(cas).plus(FileTree.of(List.of(
                MspFile.text("signcerts/" + fileName(signing), Pem.encode(signing), FileKind.OWN_CERTIFICATE),
                MspFile.text(KEYSTORE_FILE, identity.signing().privateKeyPem(), FileKind.PRIVATE_KEY))));
    }

    /**
     * The identity's TLS folder. The certificate file carries the TLS intermediates after the leaf,
     * so peers that know only the root can still build the chain.
     */
    public static FileTree tlsFolder(OrganizationCas cas, Identity identity) {
        return tlsFolder(cas.certificates(), identity);
    }

    public static FileTree tlsFolder(CaCertificates cas, Identity identity) {
        String base = identity.role().isNode() ? "server" : "client";
        List<X509Certificate> presented = new ArrayList<>();
        presented.add(identity.tls().certificate());
        presented.addAll(intermediates(cas.tlsChain()));
        return FileTree.of(List.of(
                MspFile.text("ca.crt", Pem.encode(cas.tlsRoot()), FileKind.PUBLIC),
                MspFile.text(base + ".crt", Pem.encode(presented), FileKind.OWN_CERTIFICATE),
                MspFile.text(base + ".key", identity.tls().privateKeyPem(), FileKind.PRIVATE_KEY)));
    }

    /** Everything an identity needs on disk: {@code msp/} and {@code tls/}. */
    public static FileTree identityMaterial(OrganizationCas cas, Identity identity) {
        return identityMaterial(cas.certificates(), identity);
    }

    public static FileTree identityMaterial(CaCertificates cas, Identity identity) {
        return identityMsp(cas, identity).prefixed("msp").plus(tlsFolder(cas, identity).prefixed("tls"));
    }

    /** cryptogen's name for a certificate file: {@code <CN>-cert.pem}, made safe for a path. */
    public static String fileName(X509Certificate certificate) {
        return Certificates.commonName(certificate).replaceAll("[^A-Za-z0-9._@-]", "-") + "-cert.pem";
    }

    /** Adds the chain's root and intermediates; returns the path of the CA that issues identities (the chain's first). */
    private static String addTrust(List<MspFile> files, List<X509Certificate> chain, String rootDir, String intermediateDir) {
        X509Certificate root = chain.get(chain.size() - 1);
        files.add(MspFile.text(rootDir + "/" + fileName(root), Pem.encode(root), FileKind.PUBLIC));
        for (X509Certificate intermediate : intermediates(chain)) {
            files.add(MspFile.text(intermediateDir + "/" + fileName(intermediate), Pem.encode(intermediate), FileKind.PUBLIC));
        }
        return (chain.size() == 1 ? rootDir : intermediateDir) + "/" + fileName(chain.get(0));
    }

    /** The chain without its root, nearest first. */
    private static List<X509Certificate> intermediates(List<X509Certificate> chain) {
        return chain.subList(0, chain.size() - 1);
    }
}
