package io.baas.api;

import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.runtime.LogQuery;
import io.smallrye.mutiny.Multi;
import java.util.List;
import org.jboss.resteasy.reactive.RestMulti;

/** A node's log over HTTP: its query parameters read as kubectl's, and its lines sent as text, each flushed as it comes. */
final class LogLines {

    /** Ten years: any age a log line can have. */
    private static final long MAX_SINCE_SECONDS = 10L * 366 * 24 * 3600;

    private LogLines() {
    }

    static LogQuery query(String tailLines, String sinceSeconds, String follow) {
        long tail = QueryNumbers.parse("tailLines", tailLines, -1, 1, LogQuery.MAX_TAIL_LINES);
        long since = QueryNumbers.parse("sinceSeconds", sinceSeconds, -1, 1, MAX_SINCE_SECONDS);
        return new LogQuery(tail < 0 ? null : (int) tail, since < 0 ? null : since, flag("follow", follow));
    }

    /**
     * The lines as a chunked {@code text/plain} answer. {@code nosniff}: a browser would otherwise
     * hold back the first bytes of a text stream to guess its type, and a follower would see
     * nothing until enough lines came.
     */
    static RestMulti<String> stream(Multi<String> lines) {
        return RestMulti.fromMultiData(lines.map(line -> line + "\n"))
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw DomainException.invalid("The query parameter " + name + " is invalid.", List.of(new FieldError(name, "must be true or false")));
    }
}
