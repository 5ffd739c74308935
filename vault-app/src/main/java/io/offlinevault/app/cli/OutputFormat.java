package io.offlinevault.app.cli;

import picocli.CommandLine.Option;

/**
 * {@code -o, --output text|json}, the one spelling of a command's output format: text for people (the default),
 * or one JSON document shaped like the matching HTTP answer, for scripts.
 */
public final class OutputFormat {
    /** The formats a command prints in. */
    public enum Format { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = {
        "text (the default) or json: one document shaped like the HTTP API's answer."})
    private Format format = Format.text;

    /** {@return whether the command prints JSON} */
    public boolean json() {
        return format == Format.json;
    }
}
