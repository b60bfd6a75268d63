package io.baas.application;

import java.util.List;

/** An application to create: its name in the namespace, what it is for, and what it may do. */
public record NewApplication(String name, String description, List<ApplicationScope> scopes) {
}
