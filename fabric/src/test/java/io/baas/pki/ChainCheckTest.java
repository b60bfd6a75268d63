package io.baas.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The one check that a CA chain links (ChainVerifier.issued and brokenLink), and the words of the
 * two places that refuse a broken chain with it: CaCertificates and CertificateAuthority.load.
 */
class ChainCheckTest {

    private final Clock clock = TestClocks.at(TestOrganizations.NOW);
    private final CertificateAuthority root = CertificateAuthority.createRoot(
            SubjectTemplate.NONE.caSubject("Example Corp", "Example Corp Root"), clock, ValidityPolicy.DEFAULT);
    private final CertificateAuthority intermediate = root.createIntermediate(
            SubjectTemplate.NONE.caSubject("Example Corp", "Example Corp Issuing CA"));
    private final CertificateAuthority stranger = CertificateAuthority.createRoot(
            SubjectTemplate.NONE.caSubject("Example Corp", "Example Corp Root"), clock, ValidityPolicy.DEFAULT);

    @Test
    void issuedNeedsTheIssuersNameAndKey() {
        assertThat(ChainVerifier.issued(root.certificate(), intermediate.certificate())).isTrue();
        assertThat(ChainVerifier.issued(root.certificate(), root.certificate())).as("self-signed").isTrue();
        assertThat(ChainVerifier.issued(intermediate.certificate(), root.certificate())).isFalse();
        // Same subject name, other key: the signature decides.
        assertThat(ChainVerifier.issued(stranger.certificate(), intermediate.certificate())).isFalse();
    }

    @Test
    void brokenLinkNamesTheFirstCertificateItsNextDidNotIssue() {
        assertThat(ChainVerifier.brokenLink(List.of(intermediate.certificate(), root.certificate()))).isEmpty();
        assertThat(ChainVerifier.brokenLink(List.of(root.certificate(), intermediate.certificate()))).isEqualTo(OptionalInt.of(0));
        assertThat(ChainVerifier.brokenLink(List.of(intermediate.certificate(), stranger.certificate()))).isEqualTo(OptionalInt.of(0));
        assertThat(ChainVerifier.brokenLink(List.of(intermediate.certificate()))).as("the last is no root").isEqualTo(OptionalInt.of(0));
    }

    @Test
    void caCertificatesRefuseChainsOutOfOrderOrWithoutRoot() {
        List<X509Certificate> reversed = List.of(root.certificate(), intermediate.certificate());
        assertThatThrownBy(() -> new CaCertificates(TestOrganizations.ORG1, reversed, List.of(root.certificate())))
                .isInstanceOf(CertificateChainException.class).hasMessage("the signing CA chain is not in order, the issuing CA first");
        assertThatThrownBy(() -> new CaCertificates(TestOrganizations.ORG1, List.of(root.certificate()), List.of(intermediate.certificate())))
                .isInstanceOf(CertificateChainException.class).hasMessage("the TLS CA chain does not end in a self-signed root");
        assertThat(CaCertificates.ordered(reversed)).containsExactly(intermediate.certificate(), root.certificate());
    }

    @Test
    void loadRefusesAChainThatDoesNotLink() {
        CertificateAuthority loaded = CertificateAuthority.load(intermediate.certifiedKey(), List.of(root.certificate()), clock,
                ValidityPolicy.DEFAULT);
        assertThat(loaded.chain()).containsExactly(intermediate.certificate(), root.certificate());
        assertThatThrownBy(() -> CertificateAuthority.load(intermediate.certifiedKey(), List.of(stranger.certificate()), clock,
                ValidityPolicy.DEFAULT))
                .isInstanceOf(CertificateChainException.class).hasMessageContaining("is not signed by");
        assertThatThrownBy(() -> CertificateAuthority.load(intermediate.certifiedKey(), List.of(), clock, ValidityPolicy.DEFAULT))
                .isInstanceOf(CertificateChainException.class).hasMessageContaining("is not a self-signed root");
    }
}
