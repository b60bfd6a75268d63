package io.baas.application;

import java.util.List;

/** An application to create: its name in the namespace, what it is for, what it may do and how fast. */
public record NewApplication(String name, String description, List<ApplicationScope> scopes, RateLimit rateLimit) {
}
