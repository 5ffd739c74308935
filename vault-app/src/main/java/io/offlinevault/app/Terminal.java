package io.offlinevault.app;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/** Where a secret may be shown: the interactive console, which never ends up in a log file. */
@FunctionalInterface
interface Terminal {
    /** {@return the console's writer, when the process runs on an interactive one} */
    Optional<PrintWriter> console();

    /** {@return the process's own console: present only when {@link System#console()} is an interactive terminal} */
    static Terminal system() {
        return () -> {
            Console console = System.console();
            if (console == null || !isInteractive(console)) {
                return Optional.empty();
            }
            return Optional.of(console.writer());
        };
    }

    /** {@return a terminal without a console, as under a service manager or in CI} */
    static Terminal none() {
        return Optional::empty;
    }

    // JDK 22 to 24 hand out a Console even when the streams are redirected; its isTerminal() (JDK 22+, so
    // called by reflection: the build targets release 17) tells the two apart. Before JDK 22 a console is one.
    private static boolean isInteractive(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return false;
        }
    }
}
