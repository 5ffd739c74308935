package io.offlinevault.app.cli;

import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --snapshot ID} for a command that once took the snapshot id as its first positional argument
 * ({@code snapshot apply}), as a picocli mixin: the positional ID still works, hidden, and says once on standard
 * error that it is deprecated; giving both is a usage error.
 */
public final class SnapshotIdOption {
    static final String SPELLING = "--snapshot ID";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--snapshot", paramLabel = "ID", description = {
        "The snapshot's id (required), as snapshot register printed it."})
    private String id;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", hidden = true)
    private String argument;

    private Optional<String> chosen;

    /**
     * {@return the snapshot id given with {@code --snapshot} or as the old positional ID}
     *
     * @throws ParameterException when none or both are given (exit 2)
     */
    public String required() {
        if (chosen == null) {
            chosen = OldSpelling.choose(command, SPELLING, id, "the positional ID", argument);
        }
        return chosen.orElseThrow(() -> new ParameterException(command.commandLine(), "Give the snapshot's id with "
                + SPELLING + " (snapshot register and snapshot list print it)."));
    }
}
