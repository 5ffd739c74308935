package io.offlinevault.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private final Logging.OneLineFormatter formatter = new Logging.OneLineFormatter();

    private static LogRecord record(Level level, String logger, String message, Instant at) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(at);
        return record;
    }

    @Test
    void an_access_line_is_one_line_with_utc_milliseconds_level_short_logger_name_and_message() {
        LogRecord record = record(Level.INFO, "io.offlinevault.http.access",
                "GET /rest/organizations/{organizationId}/vaultentries 200 3ms 0a1b2c", Instant.parse("2026-11-26T07:00:00Z"));

        assertThat(formatter.format(record)).isEqualTo("2026-11-26T07:00:00.000Z INFO access GET"
                + " /rest/organizations/{organizationId}/vaultentries 200 3ms 0a1b2c" + System.lineSeparator());
    }

    @Test
    void levels_carry_the_system_logger_names() {
        Instant at = Instant.parse("2026-11-26T07:00:00.123Z");

        assertThat(formatter.format(record(Level.SEVERE, "a.B", "x", at))).startsWith("2026-11-26T07:00:00.123Z ERROR B x");
        assertThat(formatter.format(record(Level.WARNING, "a.B", "x", at))).contains(" WARN B x");
        assertThat(formatter.format(record(Level.FINE, "a.B", "x", at))).contains(" DEBUG B x");
    }

    @Test
    void an_exception_shows_its_class_and_frames_but_never_its_message() {
        LogRecord record = record(Level.SEVERE, "io.offlinevault.store.file.FileVaultStore", "failed",
                Instant.parse("2026-11-26T07:00:00Z"));
        record.setThrown(new IllegalStateException("secret-in-message", new IOException("another-secret")));

        String line = formatter.format(record);

        assertThat(line).startsWith("2026-11-26T07:00:00.000Z ERROR FileVaultStore failed java.lang.IllegalStateException")
                .contains("\tat " + LoggingTest.class.getName() + ".", "caused by: java.io.IOException")
                .doesNotContain("secret");
    }
}
