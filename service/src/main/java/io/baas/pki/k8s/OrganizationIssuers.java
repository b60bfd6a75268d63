package io.baas.pki.k8s;

import io.baas.pki.IdentityIssuer;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationIssuer;
import io.baas.pki.ValidityPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Duration;

/**
 * The one place that tells the two kinds of organization CA Secret apart: the built-in CAs (keys
 * held) or the link to an external Fabric CA. Everyone else works with the {@link OrganizationIssuer}.
 */
public final class OrganizationIssuers {

    /** How long a call to an external Fabric CA may take. */
    public static final Duration FABRIC_CA_TIMEOUT = Duration.ofSeconds(10);

    private OrganizationIssuers() {}

    public static OrganizationIssuer read(Secret secret, MspOrganization organization, Clock clock) {
        if (ExternalCaSecret.holds(secret)) {
            return ExternalCaSecret.read(secret, organization, clock, FABRIC_CA_TIMEOUT);
        }
        return new IdentityIssuer(OrganizationCaSecret.read(secret, organization, clock, ValidityPolicy.DEFAULT));
    }

    public static boolean isExternal(Secret secret) {
        return ExternalCaSecret.holds(secret);
    }
}
