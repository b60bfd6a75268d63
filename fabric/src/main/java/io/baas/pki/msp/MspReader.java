package io.baas.pki.msp;

import io.baas.pki.CertificateChainException;
import io.baas.pki.Certificates;
import io.baas.pki.CertifiedKey;
import io.baas.pki.ChainVerifier;
import io.baas.pki.EcKeys;
import io.baas.pki.KeyMismatchException;
import io.baas.pki.NodeOu;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an MSP folder (ours, cryptogen's or Fabric CA's) and checks what Fabric would: the
 * signing certificate chains to the CA certificates, the keystore holds its key, and with
 * NodeOUs on, the OU identifiers name certificates of the MSP and the signer has one of the OUs.
 */
public final class MspReader {

    private final ChainVerifier verifier;

    public MspReader(Clock clock) {
        this.verifier = new ChainVerifier(Objects.requireNonNull(clock, "clock"));
    }

    public MspFolder read(Path directory) {
        return read(FileTree.readFrom(directory));
    }

    public MspFolder read(FileTree msp) {
        List<X509Certificate> caCerts = certificates(msp, "cacerts");
        if (caCerts.isEmpty()) {
            throw new PkiException("MSP has no cacerts");
        }
        List<X509Certificate> intermediateCerts = certificates(msp, "intermediatecerts");
        Optional<NodeOuConfig> nodeOus = msp.file(MspLayout.CONFIG_YAML).map(file -> NodeOuConfig.parse(file.text()));
        nodeOus.filter(NodeOuConfig::enabled).ifPresent(config -> requireIdentifierCertificates(msp, config));
        Optional<CertifiedKey> signer = signer(msp);
        signer.ifPresent(key -> {
            List<X509Certificate> chain = new ArrayList<>(List.of(key.certificate()));
            chain.addAll(intermediateCerts);
            verifier.verify(chain, caCerts);
            nodeOus.filter(NodeOuConfig::enabled).ifPresent(config -> requireNodeOu(key.certificate()));
        });
        return new MspFolder(caCerts, intermediateCerts, certificates(msp, "tlscacerts"),
                certificates(msp, "tlsintermediatecerts"), certificates(msp, "admincerts"), nodeOus, signer);
    }

    private static Optional<CertifiedKey> signer(FileTree msp) {
        List<X509Certificate> signCerts = certificates(msp, "signcerts");
        if (signCerts.isEmpty()) {
            return Optional.empty();
        }
        if (signCerts.size() > 1) {
            throw new PkiException("MSP has " + signCerts.size() + " signing certificates, expected one");
        }
        X509Certificate signCert = signCerts.get(0);
        // cryptogen names the key priv_sk, Fabric CA <ski>_sk: find it by what it is, not its name.
        for (MspFile file : msp.under("keystore")) {
            PrivateKey key = Pem.privateKey(file.text());
            if (EcKeys.belongTogether(key, signCert.getPublicKey())) {
                return Optional.of(new CertifiedKey(signCert, key));
            }
        }
        throw new KeyMismatchException("no key in keystore/ belongs to the signing certificate of "
                + signCert.getSubjectX500Principal().getName());
    }

    private static void requireIdentifierCertificates(FileTree msp, NodeOuConfig config) {
        for (NodeOu ou : NodeOu.values()) {
            config.identifier(ou).ifPresent(identifier -> {
                if (msp.file(identifier.certificate()).isEmpty()) {
                    throw new PkiException("config.yaml names " + identifier.certificate() + " for " + ou + ", which the MSP lacks");
                }
            });
        }
    }

    private static void requireNodeOu(X509Certificate signCert) {
        if (Certificates.nodeOu(signCert).isEmpty()) {
            throw new CertificateChainException("NodeOUs are on but '" + signCert.getSubjectX500Principal().getName()
                    + "' carries no client, peer, admin or orderer OU");
        }
    }

    private static List<X509Certificate> certificates(FileTree msp, String directory) {
        List<X509Certificate> certificates = new ArrayList<>();
        msp.under(directory).forEach(file -> certificates.addAll(Pem.certificates(file.text())));
        return certificates;
    }
}
