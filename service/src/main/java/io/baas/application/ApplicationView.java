package io.baas.application;

import java.time.Instant;
import java.util.List;

/**
 * An application as its organization sees it: its scopes, the identity it acts with (a client
 * identity the organization holds for it, issued on its first call) and its keys without secrets.
 */
public record ApplicationView(String name, String namespace, String organization, String description, List<ApplicationScope> scopes,
                              RateLimit rateLimit,
                              String principal, String createdBy, Instant createdAt, List<AccessKeyView> keys) {
}
