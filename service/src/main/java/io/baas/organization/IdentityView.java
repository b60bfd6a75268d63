package io.baas.organization;

/** What anyone who may list an organization's identities sees: public certificate facts, never a key. */
public record IdentityView(String name, String role, String mspId, String certificate, String serial, String notAfter,
                           boolean revoked) {
}
