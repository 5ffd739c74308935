package io.offlinevault.app.cli;

import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code -f, --file FILE}, the one spelling of the file a command reads its input from ({@code entry create},
 * {@code entry import}, {@code snapshot check|template|register}), as a picocli mixin. The spelling each command had
 * before still works, hidden, and says once on standard error that it is deprecated: a positional FILE
 * ({@link #orArgument()}) or {@code entry create --json FILE} ({@link #orJsonOption()}). Giving both is a usage error.
 */
public abstract class InputFile {
    static final String SPELLING = "-f FILE";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = {
        "The file to read; the description above says what it holds."})
    private String file;

    private Optional<String> chosen;

    private InputFile() {
    }

    /** {@return a mixin whose old spelling is the command's first positional argument} */
    public static InputFile orArgument() {
        return new Argument();
    }

    /** {@return a mixin whose old spelling is {@code --json FILE}} */
    public static InputFile orJsonOption() {
        return new JsonOption();
    }

    /**
     * {@return the file given with {@code -f} or the old spelling; empty when none is}
     *
     * @throws ParameterException when both spellings are given (exit 2)
     */
    public Optional<String> given() {
        if (chosen == null) {
            chosen = OldSpelling.choose(command, SPELLING, file, oldSpelling(), oldValue());
        }
        return chosen;
    }

    /**
     * {@return the file given with {@code -f} or the old spelling}
     *
     * @throws ParameterException when none or both are given (exit 2)
     */
    public String required() {
        return given().orElseThrow(() -> new ParameterException(command.commandLine(), "Give the file to read with "
                + SPELLING + "."));
    }

    abstract String oldSpelling();

    abstract String oldValue();

    /** The old spelling of {@code entry import} and {@code snapshot check|template|register}: a positional FILE. */
    private static final class Argument extends InputFile {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", hidden = true)
        private String argument;

        @Override
        String oldSpelling() {
            return "the positional FILE";
        }

        @Override
        String oldValue() {
            return argument;
        }
    }

    /** The old spelling of {@code entry create}: {@code --json FILE}, which other commands use for their output. */
    private static final class JsonOption extends InputFile {
        @Option(names = "--json", paramLabel = "FILE", hidden = true)
        private String json;

        @Override
        String oldSpelling() {
            return "--json FILE";
        }

        @Override
        String oldValue() {
            return json;
        }
    }
}
