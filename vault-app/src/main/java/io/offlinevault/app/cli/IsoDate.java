package io.offlinevault.app.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one way the command line prints a date: an ISO-8601 instant in UTC, to the second, as
 * {@code 2026-11-26T08:00:00Z}. Thread-safe (stateless).
 */
public final class IsoDate {
    private IsoDate() {
    }

    /** {@return {@code epochMillis} as an ISO-8601 UTC instant, its milliseconds dropped} */
    public static String of(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
