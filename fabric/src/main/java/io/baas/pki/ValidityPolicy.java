package io.baas.pki;

import java.time.Duration;

/**
 * How long certificates live. Identities live shorter than CAs because the platform renews them
 * itself; the backdate absorbs clock skew between the service and the nodes, as cryptogen's does.
 */
public record ValidityPolicy(Duration caValidity, Duration identityValidity, Duration backdate) {

    /** CAs 10 years (cryptogen's 3650 days), identities 1 year, 5 minutes backdated (as cryptogen). */
    public static final ValidityPolicy DEFAULT =
            new ValidityPolicy(Duration.ofDays(3650), Duration.ofDays(365), Duration.ofMinutes(5));

    public ValidityPolicy {
        requirePositive("caValidity", caValidity);
        requirePositive("identityValidity", identityValidity);
        if (backdate == null || backdate.isNegative()) {
            throw new IllegalArgumentException("backdate must be zero or positive");
        }
        if (identityValidity.compareTo(caValidity) > 0) {
            throw new IllegalArgumentException("identities cannot outlive their CA: " + identityValidity + " > " + caValidity);
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
