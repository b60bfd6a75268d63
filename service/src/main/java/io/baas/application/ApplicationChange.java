package io.baas.application;

import java.util.List;

/** A new description, scopes or rate limit for an application; a field left out keeps its value. */
public record ApplicationChange(String description, List<ApplicationScope> scopes, RateLimit rateLimit) {
}
