package io.offlinevault.domain.testing;

import io.offlinevault.domain.port.out.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Clock} that shows the time it is set to and moves only when told. Thread-safe. */
public final class FixedClock implements Clock {
    /** The time a {@link #FixedClock()} starts at: 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START = 1_767_225_600_000L;

    private final AtomicLong millis;

    /** Starts at {@link #DEFAULT_START}. */
    public FixedClock() {
        this(DEFAULT_START);
    }

    /** Starts at {@code millis} since the epoch. */
    public FixedClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    /** {@return a clock that shows {@code millis} since the epoch} */
    public static FixedClock at(long millis) {
        return new FixedClock(millis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** Sets the time to {@code newMillis}. */
    public void set(long newMillis) {
        millis.set(newMillis);
    }

    /** {@return the time after moving it {@code deltaMillis} forward (backward when negative)} */
    public long advance(long deltaMillis) {
        return millis.addAndGet(deltaMillis);
    }
}
