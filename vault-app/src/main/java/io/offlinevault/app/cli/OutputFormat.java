package io.offlinevault.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o, --output text|json}, the one spelling of a command's output format: text for people (the default),
 * or one JSON document shaped like the matching HTTP answer, for scripts. The old {@code --json} flag of a few
 * commands still works, hidden, and says once on standard error that it is deprecated.
 */
public final class OutputFormat {
    /** The formats a command prints in. */
    public enum Format { text, json }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = {
        "text (the default) or json: one document shaped like the HTTP API's answer."})
    private Format format = Format.text;

    @Option(names = "--json", hidden = true)
    private boolean deprecatedJson;

    private boolean warned;

    /** {@return whether the command prints JSON} Says once that {@code --json} is deprecated, when it was given. */
    public boolean json() {
        if (deprecatedJson && !warned) {
            warned = true;
            PrintWriter err = command.commandLine().getErr();
            err.println("warning: --json is deprecated: use -o json");
            err.flush();
        }
        return format == Format.json || deprecatedJson;
    }
}
