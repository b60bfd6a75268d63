package io.baas.iam.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * The id of the current API request: answered in the {@code X-Request-Id} header and written with
 * its audit record and with every key use it causes, so the two can be joined.
 */
@RequestScoped
public class CurrentRequest {

    public static final String HEADER = "X-Request-Id";

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
