package io.offlinevault.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    void info_lines_reach_standard_error_together_within_the_flush_delay() throws InterruptedException {
        Stream stream = new Stream();
        Logging.StandardError handler = new Logging.StandardError(stream);

        for (int i = 0; i < 100; i++) {
            handler.publish(record(Level.INFO, "io.offlinevault.http.access", "GET /health 200 0ms " + i, Instant.EPOCH));
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!stream.text().contains("GET /health 200 0ms 99") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(stream.text().lines()).hasSize(100);
        assertThat(stream.writes()).as("writes for 100 lines").isLessThanOrEqualTo(10);
    }

    @Test
    void a_warning_is_written_at_once_with_the_lines_before_it() {
        Stream stream = new Stream();
        Logging.StandardError handler = new Logging.StandardError(stream);

        handler.publish(record(Level.INFO, "a.B", "before", Instant.EPOCH));
        handler.publish(record(Level.WARNING, "a.B", "careful", Instant.EPOCH));

        assertThat(stream.text()).contains("INFO B before").contains("WARN B careful");
    }

    @Test
    void closing_writes_what_waits_and_leaves_the_stream_open() {
        Stream stream = new Stream();
        Logging.StandardError handler = new Logging.StandardError(stream);
        handler.publish(record(Level.INFO, "a.B", "last words", Instant.EPOCH));

        handler.close();

        assertThat(stream.text()).contains("INFO B last words");
        assertThat(stream.closed).isFalse();
    }

    /** Standard error as the handler sees it: what was written, in how many writes, and whether it was closed. */
    private static final class Stream extends ByteArrayOutputStream {
        private int writes;
        private volatile boolean closed;

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            writes++;
            super.write(bytes, offset, length);
        }

        @Override
        public synchronized void write(int b) {
            writes++;
            super.write(b);
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized int writes() {
            return writes;
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void each_line_has_its_own_milliseconds_and_second_whatever_came_before() {
        String[] times = {"2026-11-26T07:00:00.123Z", "2026-11-26T07:00:00.007Z", "2026-11-26T07:00:01.999Z",
                "2026-11-26T06:59:59.050Z", "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00.000Z", "1969-12-31T23:59:59.500Z"};

        for (String time : times) {
            assertThat(formatter.format(record(Level.INFO, "a.B", "x", Instant.parse(time)))).startsWith(time + " INFO B x");
        }
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
