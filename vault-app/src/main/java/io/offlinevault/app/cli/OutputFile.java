package io.offlinevault.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --output-file FILE} for a command that writes its result to a new file instead of standard output
 * ({@code snapshot template}), as a picocli mixin. Its old spelling {@code --output FILE} still works, hidden, and
 * says once on standard error that it is deprecated: everywhere else {@code -o, --output} is the output format, so
 * {@code --output json} must not quietly write a file named {@code json}.
 */
public final class OutputFile {
    static final String SPELLING = "--output-file FILE";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--output-file", paramLabel = "FILE", description = {
        "Write the result to this new file (created with mode 0600; never overwritten) instead of standard output."})
    private String file;

    @Option(names = "--output", paramLabel = "FILE", hidden = true)
    private String oldFile;

    private Optional<Path> chosen;

    /**
     * {@return the file given with {@code --output-file} or the old {@code --output}; empty for standard output}
     *
     * @throws ParameterException when both are given, or the name is not a usable path (exit 2)
     */
    public Optional<Path> path() {
        if (chosen == null) {
            chosen = OldSpelling.choose(command, SPELLING, file, "--output FILE", oldFile).map(this::checked);
        }
        return chosen;
    }

    private Path checked(String raw) {
        try {
            if (raw.isBlank()) {
                throw new InvalidPathException(raw, "empty");
            }
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new ParameterException(command.commandLine(), "--output-file is not a usable path: give the name of"
                    + " a new file.");
        }
    }
}
