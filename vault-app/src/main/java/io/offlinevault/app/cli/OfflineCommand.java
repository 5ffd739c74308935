package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command that opens the vault itself shares, as a picocli mixin: the {@link StoreOptions}, the
 * {@link Surroundings}, the command's streams, and the vault opened for one use and closed after it. A command
 * creates its instance with the surroundings in its constructor; picocli adds the store options where the field
 * stands, so the help lists them there.
 */
public final class OfflineCommand {
    private final Surroundings surroundings;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Mixin
    private StoreOptions storeOptions;

    public OfflineCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /**
     * {@return what {@code use} returns from the ports of the vault, opened (never created) for this use and closed
     * after it}
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is missing or sealed
     */
    public <T> T withPorts(String whileLocked, Function<Ports, T> use) {
        try (OfflineVault vault = open(whileLocked)) {
            return use.apply(vault.ports());
        }
    }

    /** Runs {@code use} on the ports of the vault, opened (never created) for this use and closed after it. */
    public void runWithPorts(String whileLocked, Consumer<Ports> use) {
        try (OfflineVault vault = open(whileLocked)) {
            use.accept(vault.ports());
        }
    }

    /** {@return the vault, opened (never created) as {@link OfflineVault#open(StoreOptions, Surroundings, String)} says} */
    public OfflineVault open(String whileLocked) {
        return OfflineVault.open(storeOptions, surroundings, whileLocked);
    }

    /** {@return the operations of the vault, which open it (or read its files) for each call} */
    public OfflineOperations operations(String whileLocked) {
        return OfflineOperations.of(storeOptions, surroundings, whileLocked);
    }

    /** {@return the store options of this command} */
    public StoreOptions storeOptions() {
        return storeOptions;
    }

    /** {@return the process around this command} */
    public Surroundings surroundings() {
        return surroundings;
    }

    /** {@return the command this mixin is part of} */
    public CommandSpec spec() {
        return command;
    }

    /** {@return the command's standard output} */
    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** {@return the command's standard error} */
    public PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** {@return the exit code 0, once {@code line} is printed on standard output} */
    public int succeeded(String line) {
        PrintWriter out = out();
        out.println(line);
        out.flush();
        return ExitStatus.OK.code();
    }

    /** {@return a usage error (exit 2) of this command, saying {@code message}} */
    public ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
