package io.baas.application;

import java.time.LocalDate;

/** An application's calls on one UTC day: all, those answered 2xx, those refused for its rate limit. */
public record DailyUsage(LocalDate day, long calls, long succeeded, long rateLimited) {
}
