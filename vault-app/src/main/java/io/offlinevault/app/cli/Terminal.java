package io.offlinevault.app.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    /**
     * {@return whether the process's standard error goes to this console, where a long command may show its progress}
     * Never in a pipe, a file or CI. By default, whether there is a console.
     */
    default boolean errorIsConsole() {
        return console().isPresent();
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

            @Override
            public boolean errorIsConsole() {
                return interactive().isPresent() && standardErrorIsTerminal();
            }
        };
    }

    /** {@return a terminal without a console, as under a service manager or in CI} */
    static Terminal none() {
        return Optional::empty;
    }

    // The console stands for standard input and output; standard error may still go to a file (2> log). Where /proc
    // says what file descriptor 2 is (Linux), it must be a terminal device; elsewhere the console decides alone.
    private static boolean standardErrorIsTerminal() {
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
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
