package io.offlinevault.store.file;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the store's {@code System.Logger}s write (they go through {@code java.util.logging}) for the
 * package {@code io.offlinevault.store.file}, from creation to {@link #close()}. Thread-safe.
 */
final class LogCapture extends Handler implements AutoCloseable {
    // held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its handler
    private final Logger logger = Logger.getLogger("io.offlinevault.store.file");
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** {@return a capture that records from now on} */
    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.logger.addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** {@return the formatted messages logged at SEVERE (System.Logger's ERROR) so far} */
    synchronized List<String> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(r -> r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    /** {@return every message logged so far, at any level, with any exception's text} */
    synchronized List<String> all() {
        return records.stream().map(r -> r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    /** {@return every message logged so far under the logger name of {@code owner}} */
    synchronized List<String> from(Class<?> owner) {
        return records.stream().filter(r -> owner.getName().equals(r.getLoggerName())).map(LogRecord::getMessage)
                .toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
