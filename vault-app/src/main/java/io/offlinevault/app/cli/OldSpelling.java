package io.offlinevault.app.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How a value given under its current spelling or under an old one is chosen, for {@link InputFile} and
 * {@link SnapshotIdOption}: the old spelling still works, hidden from the help, and says so on standard error in one
 * line; both at once is a usage error. Each mixin chooses once, so a command that reads the value twice warns once.
 */
final class OldSpelling {
    private OldSpelling() {
    }

    /**
     * {@return the value given under {@code current} or {@code old}; empty when neither is given}
     *
     * @param currentValue the value of the current spelling, {@code null} when not given
     * @param oldValue the value of the old spelling, {@code null} when not given
     * @throws ParameterException when both are given (exit 2)
     */
    static Optional<String> choose(CommandSpec command, String current, String currentValue, String old,
                                   String oldValue) {
        if (currentValue != null && oldValue != null) {
            throw new ParameterException(command.commandLine(), current + " and " + old + " say the same thing: give "
                    + current + " alone (" + old + " is deprecated).");
        }
        if (oldValue != null) {
            PrintWriter err = command.commandLine().getErr();
            err.println("warning: " + old + " is deprecated: use " + current);
            err.flush();
            return Optional.of(oldValue);
        }
        return Optional.ofNullable(currentValue);
    }
}
