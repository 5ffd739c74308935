package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writes of a crash test, per key, and what a restart may show for each key: since the last restart, the
 * value that restart showed if no write to the key was acknowledged, or else the outcome of a write that no
 * acknowledged write followed (one that began after it was acknowledged): an acknowledged write or one still
 * in flight at the crash; a delete's outcome is absence. Anything else is a lost acknowledged write or a
 * half-present unacknowledged one. Every value written is unique and starts with {@link #VALUE_PREFIX} and its
 * write's id, so that messages name writes by id and never print a value. Thread-safe.
 */
public final class WriteHistory {
    /** How every value written starts; the write's id and {@code ;} follow. */
    public static final String VALUE_PREFIX = "kill-loop-value:";
    /** The {@link Write#answeredAt()} of a write that got no answer: in flight at the crash. */
    public static final long IN_FLIGHT = Long.MAX_VALUE;

    /** What a write does to its key. */
    public enum Kind { CREATE, REPLACE, DELETE }

    /**
     * One write with a 2xx answer, or with none: {@code value} is empty for a delete; {@code sentAt} and
     * {@code answeredAt} are ticks of {@link #now()}, {@code answeredAt} is {@link #IN_FLIGHT} without an answer.
     */
    public record Write(String id, String key, Kind kind, Optional<String> value, long sentAt, long answeredAt) {
        public Write {
            requireNonNull(id, "id");
            requireNonNull(key, "key");
            requireNonNull(kind, "kind");
            requireNonNull(value, "value");
            if (value.isEmpty() != (kind == Kind.DELETE)) {
                throw new IllegalArgumentException("a delete, and only a delete, writes no value");
            }
        }

        boolean acknowledged() {
            return answeredAt != IN_FLIGHT;
        }

        @Override
        public String toString() {
            return id + " (" + kind + (acknowledged() ? "" : ", in flight") + ")";
        }
    }

    private final AtomicLong clock = new AtomicLong();
    private final Map<String, Optional<String>> shown = new TreeMap<>();
    private final List<Write> writes = new ArrayList<>();
    private long acknowledged;
    private long inFlight;

    /** A history of {@code keys}, all absent. */
    public WriteHistory(Set<String> keys) {
        keys.forEach(key -> shown.put(key, Optional.empty()));
    }

    /** {@return the value of the write {@code id}: the prefix, the id, {@code ;} and {@code filler}} */
    public static String value(String id, String filler) {
        if (id.contains(";")) {
            throw new IllegalArgumentException("a write id holds no ';'");
        }
        return VALUE_PREFIX + id + ";" + filler;
    }

    /** {@return the next tick of this history's clock: a write takes one before it is sent and one once answered} */
    public long now() {
        return clock.incrementAndGet();
    }

    /** Records a write that was answered with a 2xx, or that got no answer. Not for 4xx answers: they wrote nothing. */
    public synchronized void record(Write write) {
        if (!shown.containsKey(write.key())) {
            throw new IllegalArgumentException("not a key of this history");
        }
        writes.add(write);
        if (write.acknowledged()) {
            acknowledged++;
        } else {
            inFlight++;
        }
    }

    /** {@return the keys present as the last restart showed them} */
    public synchronized Set<String> present() {
        Set<String> present = new TreeSet<>();
        shown.forEach((key, value) -> value.ifPresent(v -> present.add(key)));
        return present;
    }

    /** {@return the writes acknowledged so far, in all} */
    public synchronized long acknowledged() {
        return acknowledged;
    }

    /** {@return the writes in flight at a crash so far, in all} */
    public synchronized long inFlight() {
        return inFlight;
    }

    /**
     * {@return every way in which {@code restart} (each present key and its value, as the restart shows them)
     * breaks the rules of this class, one line each, naming writes by id} Empty when it keeps them.
     */
    public synchronized List<String> problems(Map<String, String> restart) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Optional<String>> key : shown.entrySet()) {
            Optional<String> seen = Optional.ofNullable(restart.get(key.getKey()));
            Map<Optional<String>, String> allowed = allowed(key.getKey(), key.getValue());
            if (!allowed.containsKey(seen)) {
                problems.add(key.getKey() + " shows " + describe(seen) + ", where only one of these may be: "
                        + String.join("; ", allowed.values()));
            }
        }
        for (String key : new TreeSet<>(restart.keySet())) {
            if (!shown.containsKey(key)) {
                problems.add(key + " is present, but no write ever touched it");
            }
        }
        return problems;
    }

    /** Takes {@code restart} (each present key and its value) as what the next writes start from. */
    public synchronized void settle(Map<String, String> restart) {
        shown.replaceAll((key, value) -> Optional.ofNullable(restart.get(key)));
        writes.clear();
    }

    // Each outcome that may show, with what allows it.
    private Map<Optional<String>, String> allowed(String key, Optional<String> before) {
        List<Write> onKey = writes.stream().filter(write -> write.key().equals(key)).toList();
        long lastAcknowledgedSent = onKey.stream().filter(Write::acknowledged).mapToLong(Write::sentAt).max()
                .orElse(-1);
        Map<Optional<String>, String> allowed = new LinkedHashMap<>();
        if (lastAcknowledgedSent < 0) {
            allowed.put(before, "what the restart before showed (" + describe(before) + ")");
        }
        for (Write write : onKey) {
            if (write.answeredAt() > lastAcknowledgedSent) {
                allowed.merge(write.value(), "the outcome of " + write, (one, other) -> one + " or " + other);
            }
        }
        return allowed;
    }

    // Names a value by the id of its write: never the value itself.
    private String describe(Optional<String> value) {
        if (value.isEmpty()) {
            return "nothing (absent)";
        }
        String text = value.get();
        int end = text.indexOf(';');
        if (!text.startsWith(VALUE_PREFIX) || end < 0) {
            return "a value of " + text.length() + " characters that is not of this test";
        }
        String id = text.substring(VALUE_PREFIX.length(), end);
        Optional<Write> write = writes.stream().filter(w -> w.id().equals(id)).findFirst();
        if (write.isPresent()) {
            return "the value of " + write.get() + (write.get().value().equals(value) ? ""
                    : ", changed (" + text.length() + " characters, not " + write.get().value().get().length() + ")");
        }
        boolean before = shown.values().stream().anyMatch(value::equals);
        return "the value of the write " + id + (before ? ", as a restart before showed it" : ", which is not"
                + " among the writes since the restart before");
    }
}
