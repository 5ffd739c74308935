package io.offlinevault.app.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The log: {@code java.util.logging} (where {@link System.Logger} goes) on standard error, one line per
 * record, such as {@code 2026-11-26T07:00:00.123Z INFO access GET /health 200 3ms 5f0c...}: warnings and errors
 * at once, other lines within {@link StandardError#FLUSH_MILLIS} ({@link StandardError}).
 */
public final class Logging {
    private Logging() {
    }

    /** Whether {@link #configure()} chose the logging of this process (and the user's own JUL configuration did not). */
    private static volatile boolean configured;
    // guarded by Logging.class: whether the command logs INFO (else only warnings and errors), and whether Setup ran
    private static boolean info = true;
    private static boolean setUp;

    /**
     * Sends every logger's INFO and above to standard error in the one-line format, unless the user configured JUL.
     * Through JUL's own hook ({@code java.util.logging.config.class}, {@link Setup}), so that JUL sets itself up
     * when something first logs, not before: starting it (with the JDK's search of the class path for other
     * logging providers) was ~25 ms of a command that logs nothing, such as {@code entry list} (docs/BENCHMARKS.md).
     */
    public static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        configured = true;
        System.setProperty("java.util.logging.config.class", Setup.class.getName());
    }

    /**
     * Sets how much the command about to run logs, once {@link #configure()} has set up the process: a server logs
     * INFO (its access lines, its store's events), any other command only warnings and errors, so that a person
     * reads one message per event, unless {@code verbose}. Does nothing where the user configured JUL, or in-process
     * runs that never called {@link #configure()}.
     */
    public static void forCommand(boolean serving, boolean verbose) {
        if (configured) {
            synchronized (Logging.class) {
                info = serving || verbose;
                if (setUp) {
                    Logger.getLogger("").setLevel(rootLevel());
                }
            }
        }
    }

    /**
     * The configuration {@link #configure()} names to JUL, which makes one when it starts: the root logger at the
     * level {@link #forCommand} chose (INFO until then) with one {@link StandardError} handler, and nothing else.
     */
    public static final class Setup {
        /** Called by JUL's {@link LogManager} as it starts, once. */
        public Setup() {
            synchronized (Logging.class) {
                LogManager.getLogManager().reset();
                StandardError handler = new StandardError(System.err);
                handler.setLevel(Level.INFO);
                Logger root = Logger.getLogger("");
                root.setLevel(rootLevel());
                root.addHandler(handler);
                setUp = true;
            }
        }
    }

    // guarded by Logging.class
    private static Level rootLevel() {
        return info ? Level.INFO : Level.WARNING;
    }

    /**
     * Writes records to standard error: a warning or an error at once, with the lines before it; other lines within
     * {@link #FLUSH_MILLIS}, many per write. A server's access lines are most of its log: a write (and a system call)
     * per line was 4% of the CPU of a GET by key (docs/BENCHMARKS.md, issue 21). Closing (the JVM's shutdown closes
     * the handlers) writes what is left. Thread-safe.
     */
    static final class StandardError extends StreamHandler {
        /** How long an INFO line may wait for the lines after it before it is written. */
        static final long FLUSH_MILLIS = 20;
        // guarded by this: lines written to the stream's buffer and not flushed yet, and the thread that flushes them
        private boolean pending;
        private Thread flusher;

        StandardError(OutputStream stream) {
            // a buffer of our own: the JDK's encoder under a StreamHandler writes every 512 bytes from Java 22 on
            super(new BufferedOutputStream(stream, 8192), new OneLineFormatter());
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                flush();
                pending = false;
            } else if (!pending && isLoggable(record)) {
                pending = true;
                if (flusher == null) {
                    flusher = new Thread(this::flushLater, "offline-vault-log");
                    flusher.setDaemon(true);
                    flusher.start();
                }
                notifyAll();
            }
        }

        /** Flushes; unlike {@link StreamHandler#close()} it leaves standard error open. */
        @Override
        public synchronized void close() {
            flush();
            pending = false;
        }

        // The flusher: once lines are pending, lets more arrive for FLUSH_MILLIS, then writes them all.
        private void flushLater() {
            while (true) {
                try {
                    synchronized (this) {
                        while (!pending) {
                            wait();
                        }
                    }
                    Thread.sleep(FLUSH_MILLIS);
                } catch (InterruptedException e) {
                    // a daemon thread that nobody interrupts on purpose: flush and go on
                }
                synchronized (this) {
                    flush();
                    pending = false;
                }
            }
        }
    }

    /** Time (UTC, milliseconds), level, the last part of the logger's name, the message. */
    static final class OneLineFormatter extends Formatter {
        private static final DateTimeFormatter SECOND =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);
        // The text of the last second a line was formatted in: a server writes many lines a second, and formatting
        // the date of each was a third of the access log's CPU.
        private volatile Second last = new Second(Long.MIN_VALUE, "");

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(time(record.getInstant())).append(' ')
                    .append(level(record.getLevel())).append(' ')
                    .append(shortName(record.getLoggerName())).append(' ')
                    .append(formatMessage(record));
            if (record.getThrown() != null) {
                // Library messages quote input, and input may be a secret: class and frames only.
                line.append(' ').append(frames(record.getThrown()));
            }
            return line.append(System.lineSeparator()).toString();
        }

        // uuuu-MM-ddTHH:mm:ss.SSSZ in UTC
        private StringBuilder time(Instant at) {
            Second second = last;
            if (second.epochSecond() != at.getEpochSecond()) {
                second = new Second(at.getEpochSecond(), SECOND.format(at));
                last = second;
            }
            int millis = at.getNano() / 1_000_000;
            return new StringBuilder(24).append(second.text())
                    .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10)).append('Z');
        }

        private record Second(long epochSecond, String text) {
        }

        // The names of System.Logger's levels, which our code logs with.
        private static String level(Level level) {
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (value >= Level.WARNING.intValue()) {
                return "WARN";
            }
            if (value >= Level.INFO.intValue()) {
                return "INFO";
            }
            return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }

        private static String shortName(String loggerName) {
            if (loggerName == null || loggerName.isEmpty()) {
                return "-";
            }
            return loggerName.substring(loggerName.lastIndexOf('.') + 1);
        }
    }

    /** {@return the class and stack frames of {@code error} and its causes, never a message} */
    public static String frames(Throwable error) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = error; current != null && seen.add(current); current = current.getCause()) {
            text.append(current == error ? "" : System.lineSeparator() + "caused by: ").append(current.getClass().getName());
            for (StackTraceElement frame : current.getStackTrace()) {
                text.append(System.lineSeparator()).append("\tat ").append(frame);
            }
        }
        return text.toString();
    }
}
