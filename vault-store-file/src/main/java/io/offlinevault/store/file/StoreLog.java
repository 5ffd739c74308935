package io.offlinevault.store.file;

import java.lang.System.Logger.Level;

/**
 * A store class's log: the {@link System.Logger} of a name, looked up when the first line is written rather than
 * when the class loads. Looking one up starts the JDK's logging (java.util.logging by default, and its search for
 * other logging providers on the class path): ~25 ms that a command which opens a vault and logs nothing, such as
 * {@code entry list}, no longer spends (docs/BENCHMARKS.md, issue 21). Thread-safe.
 */
final class StoreLog {
    private final String name;
    private volatile System.Logger logger;

    /** The log named after {@code owner}, as {@code System.getLogger(owner.getName())} is. */
    StoreLog(Class<?> owner) {
        this.name = owner.getName();
    }

    /** Logs {@code message} at {@code level}. */
    void log(Level level, String message) {
        System.Logger current = logger;
        if (current == null) {
            current = System.getLogger(name);
            logger = current;
        }
        current.log(level, message);
    }
}
