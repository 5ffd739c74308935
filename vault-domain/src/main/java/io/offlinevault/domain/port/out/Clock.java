package io.offlinevault.domain.port.out;

/** The time, in epoch milliseconds: the unit of every timestamp on the wire. Thread-safe. */
@FunctionalInterface
public interface Clock {
    /** {@return the current time in epoch milliseconds} */
    long millis();

    /** {@return the system clock} */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
