package io.offlinevault.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Where a secret may be shown or typed: the interactive console, which never ends up in a log file. A
 * passphrase is read from it without echo.
 */
@FunctionalInterface
public interface Terminal {
    /** {@return the console's writer, when the process runs on an interactive one} */
    Optional<PrintWriter> console();

    /**
     * {@return one line typed on the console after {@code prompt}, without echo; empty when there is no console
     * or its input has ended} The prompt is shown on the console only.
     */
    default Optional<char[]> readPassword(String prompt) {
        return Optional.empty();
    }

    /** {@return the process's own console: present only when {@link System#console()} is an interactive terminal} */
    static Terminal system() {
        return new Terminal() {
            @Override
            public Optional<PrintWriter> console() {
                return interactive().map(Console::writer);
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return interactive().map(console -> console.readPassword("%s", prompt));
            }
        };
    }

    /** {@return a terminal without a console, as under a service manager or in CI} */
    static Terminal none() {
        return Optional::empty;
    }

    private static Optional<Console> interactive() {
        Console console = System.console();
        return console == null || !isInteractive(console) ? Optional.empty() : Optional.of(console);
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
