package io.offlinevault.app.entry;

import io.offlinevault.app.cli.BoundedFile;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.entry.EntryDraft;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The fields of an entry that {@code entry create} and {@code entry update} take as options. A value is
 * never an argument (it would sit in the process list and the shell's history): it comes from a file or
 * from standard input.
 */
final class EntryFields {
    // Well above the validator's 64 KiB, so that the validator, not this reader, reports a long value.
    private static final int MAX_VALUE_READ = 1024 * 1024;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--value-file", paramLabel = "FILE", description = {
        "Reads the value from FILE: UTF-8, without one trailing line break."})
    private String valueFile;

    @Option(names = "--value-stdin", description = {
        "Reads the value from standard input: UTF-8, without one trailing line break."})
    private boolean valueStdin;

    @Option(names = "--type", paramLabel = "TYPE", description = {
        "The value's type: STRING, INTEGER, FLOAT or BOOLEAN (any case)."})
    private String type;

    @Option(names = "--visibility", paramLabel = "VISIBILITY", description = {
        "STRICT (never shown), OBFUSCATED or PUBLIC (any case)."})
    private String visibility;

    @Option(names = "--reference", paramLabel = "TYPE:NAME:JSONPATH", description = {
        "An attribute reference (repeatable): resource type, resource name and jsonPath, e.g."
            + " SOURCE:my-source:configuration.password."})
    private List<String> references = new ArrayList<>();

    @Option(names = "--scope", paramLabel = "TYPE:ID", description = {
        "A scope (repeatable): resource type and id, e.g. EXTENSION:my-extension-id."})
    private List<String> scopes = new ArrayList<>();

    /** {@return whether any field option was given} */
    boolean anyGiven() {
        return valueFile != null || valueStdin || type != null || visibility != null || !references.isEmpty()
                || !scopes.isEmpty();
    }

    /** {@return {@code draft} with every given field set; absent options stay absent} */
    EntryDraft applyTo(EntryDraft draft, Surroundings surroundings) {
        EntryDraft result = draft;
        if (valueFile != null && valueStdin) {
            throw usage("--value-file and --value-stdin exclude each other: give one of them.");
        }
        if (valueFile != null) {
            result = result.withValue(readValueFile());
        } else if (valueStdin) {
            result = result.withValue(readStdin(surroundings));
        }
        if (type != null) {
            result = result.withValueType(type);
        }
        if (visibility != null) {
            result = result.withVisibility(visibility);
        }
        if (!references.isEmpty()) {
            result = result.withAttributeReferences(references.stream().map(this::reference).toList());
        }
        if (!scopes.isEmpty()) {
            result = result.withScopes(scopes.stream().map(this::scope).toList());
        }
        return result;
    }

    /** {@return whether a value source was given} */
    boolean hasValue() {
        return valueFile != null || valueStdin;
    }

    private Map<String, Object> reference(String raw) {
        String[] parts = raw.split(":", 3);
        if (parts.length != 3) {
            throw usage("--reference '" + raw + "' is not TYPE:NAME:JSONPATH, e.g. SOURCE:my-source:configuration.password.");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resourceType", parts[0]);
        json.put("resourceName", parts[1]);
        json.put("jsonPath", parts[2]);
        return json;
    }

    private Map<String, Object> scope(String raw) {
        String[] parts = raw.split(":", 2);
        if (parts.length != 2) {
            throw usage("--scope '" + raw + "' is not TYPE:ID, e.g. EXTENSION:my-extension-id.");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resourceType", parts[0]);
        json.put("id", parts[1]);
        return json;
    }

    private String readValueFile() {
        return value(BoundedFile.read(valueFile, "--value-file", MAX_VALUE_READ), "--value-file " + valueFile);
    }

    private String readStdin(Surroundings surroundings) {
        try {
            InputStream in = surroundings.standardInput().get();
            byte[] bytes = in.readNBytes(MAX_VALUE_READ + 1);
            if (bytes.length > MAX_VALUE_READ) {
                throw usage("The standard input is larger than " + MAX_VALUE_READ + " bytes.");
            }
            return value(bytes, "The standard input");
        } catch (IOException e) {
            throw usage("The standard input cannot be read (" + e.getClass().getSimpleName() + ").");
        }
    }

    // Strict UTF-8 (an error never quotes the bytes: they are a secret); one trailing "\n" or "\r\n" is dropped.
    private String value(byte[] bytes, String source) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw usage(source + " is not valid UTF-8.");
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
