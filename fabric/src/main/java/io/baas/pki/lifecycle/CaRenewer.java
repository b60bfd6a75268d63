package io.baas.pki.lifecycle;

import io.baas.pki.CertificateAuthority;
import io.baas.pki.OrganizationCas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renews an organization's built-in CAs whose certificates fall within the window, with the same
 * keys. A self-signed root re-signs itself. An intermediate under an imported root cannot be
 * renewed here: the root's key was used once, at creation, and is not held; such CAs are reported
 * as needing their root, and keep their certificate.
 */
public final class CaRenewer {

    /** The CAs after a pass: renewed where due, and which due CAs could not be renewed without their root. */
    public record Result(OrganizationCas cas, List<String> renewed, List<String> needRoot) {

        public Result {
            renewed = List.copyOf(renewed);
            needRoot = List.copyOf(needRoot);
        }

        public boolean changed() {
            return !renewed.isEmpty();
        }
    }

    private final RenewalPolicy policy;

    public CaRenewer(RenewalPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public Result renewDue(OrganizationCas cas) {
        List<String> renewed = new ArrayList<>();
        List<String> needRoot = new ArrayList<>();
        CertificateAuthority signing = renewIfDue(cas.signingCa(), renewed, needRoot);
        CertificateAuthority tls = renewIfDue(cas.tlsCa(), renewed, needRoot);
        return new Result(renewed.isEmpty() ? cas : new OrganizationCas(cas.organization(), signing, tls), renewed, needRoot);
    }

    private CertificateAuthority renewIfDue(CertificateAuthority ca, List<String> renewed, List<String> needRoot) {
        if (!policy.decide(ca.certificate(), ca.clock().instant()).shouldRenew()) {
            return ca;
        }
        if (!ca.isRoot()) {
            needRoot.add(ca.commonName());
            return ca;
        }
        renewed.add(ca.commonName());
        return ca.renewRoot();
    }
}
