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

    private OrganizationIssuers() {}

    /** @param fabricCaTimeout how long a call to an external Fabric CA may take (baas.pki.fabric-ca-timeout) */
    public static OrganizationIssuer read(Secret secret, MspOrganization organization, Clock clock, Duration fabricCaTimeout) {
        if (ExternalCaSecret.holds(secret)) {
            return ExternalCaSecret.read(secret, organization, clock, fabricCaTimeout);
        }
        return new IdentityIssuer(OrganizationCaSecret.read(secret, organization, clock, ValidityPolicy.DEFAULT));
    }

    public static boolean isExternal(Secret secret) {
        return ExternalCaSecret.holds(secret);
    }
}
