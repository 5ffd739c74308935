package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command takes from the process around it: environment variables, the home directory that
 * {@code ~} stands for, the interactive console, the stop signals and the standard input. Tests pass their own.
 */
public record Surroundings(Map<String, String> environment, Path userHome, Terminal terminal, StopSignals signals,
                    Supplier<InputStream> standardInput) {
    public Surroundings {
        environment = Map.copyOf(requireNonNull(environment, "environment"));
        requireNonNull(userHome, "userHome");
        requireNonNull(terminal, "terminal");
        requireNonNull(signals, "signals");
        requireNonNull(standardInput, "standardInput");
    }

    /** Surroundings whose standard input is the process's own. */
    public Surroundings(Map<String, String> environment, Path userHome, Terminal terminal, StopSignals signals) {
        this(environment, userHome, terminal, signals, () -> System.in);
    }

    /** {@return the real process: its environment, {@code user.home}, its console and SIGINT/SIGTERM} */
    public static Surroundings system() {
        return new Surroundings(System.getenv(), Path.of(System.getProperty("user.home")), Terminal.system(),
                StopSignals.system());
    }

    /** {@return the environment variable {@code name}, when it is set and not blank} */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    /**
     * {@return {@code err}, the command's standard error, when it goes to the console: where a long import, check or
     * upload says how far it got; empty in a pipe, a file or CI} Progress never holds a value.
     */
    public Optional<PrintWriter> progress(PrintWriter err) {
        return terminal.errorIsConsole() ? Optional.of(err) : Optional.empty();
    }

    /** {@return {@code raw} with a leading {@code ~} (alone or before a separator) replaced by the home directory} */
    public String expandHome(String raw) {
        if (raw.equals("~")) {
            return userHome.toString();
        }
        if (raw.startsWith("~/") || raw.startsWith("~" + File.separator)) {
            return userHome + raw.substring(1);
        }
        return raw;
    }
}
