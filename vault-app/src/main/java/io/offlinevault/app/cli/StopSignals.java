package io.offlinevault.app.cli;

import java.lang.reflect.Proxy;
import java.util.List;

/** What stops a long-running command: SIGINT and SIGTERM for the real process, a test's call otherwise. */
@FunctionalInterface
public interface StopSignals {
    /**
     * Runs {@code stop} when the process is asked to stop. {@code stop} is idempotent and returns once
     * everything is stopped; it may run on any thread, more than once.
     */
    void onStop(Runnable stop);

    /**
     * {@return SIGINT and SIGTERM, and a shutdown hook for any other way the JVM ends} The signals are
     * handled, not left to the JVM, so that a stopped {@code serve} exits 0 rather than 128 + signal;
     * where the handlers cannot be installed the shutdown hook still stops cleanly.
     */
    static StopSignals system() {
        return stop -> {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "offline-vault-shutdown"));
            for (String signal : List.of("TERM", "INT")) {
                handle(signal, stop);
            }
        };
    }

    // Through sun.misc.Signal (module jdk.unsupported), by reflection: a direct reference is a javac warning.
    private static void handle(String signal, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "offline-vault stop on SIG" + signal;
                    });
            signalType.getMethod("handle", signalType, handlerType)
                    .invoke(null, signalType.getConstructor(String.class).newInstance(signal), handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No handler (a JVM without jdk.unsupported, or -Xrs): the shutdown hook stops, the exit code is 128 + signal.
        }
    }
}
