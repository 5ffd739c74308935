package io.offlinevault.http;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures every log record of the {@code io.offlinevault} loggers, at every level, while open. */
final class LogCapture implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.offlinevault");
    private final Level previous = logger.getLevel();
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** {@return every captured message, with its parameters and thrown exception rendered} */
    synchronized String text() {
        awaitAccessLines();
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records) {
            text.append(record.getMessage()).append('\n');
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(parameter).append('\n');
                }
            }
            if (record.getThrown() != null) {
                text.append(record.getThrown()).append('\n');
            }
        }
        return text.toString();
    }

    synchronized int count() {
        awaitAccessLines();
        return records.size();
    }

    // The access lines are written by a background thread: wait for those of the requests made so far.
    private static void awaitAccessLines() {
        if (!AccessLog.flush(java.time.Duration.ofSeconds(10))) {
            throw new AssertionError("the access lines were not written within 10 s");
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
