package io.baas.keyuse;

/**
 * Organizations' consents to the platform using their held admin keys for an act. Reconcilers only
 * read them; only an organization's own admins write them (through {@link DatabaseConsents#grant}).
 */
public interface Consents {

    /**
     * Whether the organization consented to this approval.
     *
     * @throws ConsentUnknownException when the consents cannot be read: the caller must treat it as
     *                                 no consent (and look again later), never as consent
     */
    boolean granted(ApprovalConsent approval);
}
