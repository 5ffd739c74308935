package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.Counted;
import io.offlinevault.app.cli.Subcommands;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.snapshot.ReferencedKey;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code offline-vault snapshot}: the group of the commands that check, register and apply snapshots offline. */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a snapshot file against the vault, writes the skeletons of its missing entries, registers,"
                + " lists, shows, applies and deletes snapshots.",
            "They run on the data directory, or through a running server: --server URL (OFFLINE_VAULT_ADDR), or the"
                + " server that holds the data directory."
        })
public final class SnapshotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /**
     * {@return the {@code snapshot} command with the subcommands {@code wanted} names, or with all when it names none}
     * See {@link Subcommands}.
     */
    public static CommandLine commandLine(Surroundings surroundings, Predicate<String> wanted) {
        return Subcommands.add(new CommandLine(new SnapshotCommand()), subcommands(surroundings), wanted);
    }

    /** {@return every subcommand by its name, in the order the help lists them; each built on demand} */
    static Map<String, Supplier<Object>> subcommands(Surroundings surroundings) {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("check", () -> new SnapshotCheckCommand(surroundings));
        subcommands.put("template", () -> new SnapshotTemplateCommand(surroundings));
        subcommands.put("register", () -> new SnapshotRegisterCommand(surroundings));
        subcommands.put("apply", () -> new SnapshotApplyCommand(surroundings));
        subcommands.put("list", () -> new SnapshotListCommand(surroundings));
        subcommands.put("get", () -> new SnapshotGetCommand(surroundings));
        subcommands.put("delete", () -> new SnapshotDeleteCommand(surroundings));
        return subcommands;
    }

    /** Called without a subcommand: a usage error that says which commands there are. */
    @Override
    public Integer call() {
        throw Subcommands.missing(spec, "a");
    }

    /** {@return the organization {@code raw} given to {@code flag}} A bad id is a usage error (exit 2). */
    static OrganizationId organization(CommandSpec spec, String raw, String flag) {
        try {
            return OrganizationId.of(raw.trim());
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), flag + " '" + raw + "' is not an organization id. "
                    + e.getMessage());
        }
    }

    /**
     * {@return {@code key} as a terminal shows it: the key, with each unpaired surrogate (which no terminal
     * encoding can carry) written as a Java escape, a backslash, {@code u} and four hex digits} Only keys that can
     * never be entry keys hold one.
     */
    static String shown(ReferencedKey key) {
        StringBuilder shown = new StringBuilder(key.value().length());
        key.value().codePoints().forEach(codePoint -> {
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                shown.append("\\u").append(String.format(Locale.ROOT, "%04X", codePoint));
            } else {
                shown.appendCodePoint(codePoint);
            }
        });
        return shown.toString();
    }

    /**
     * {@return the line that says why {@code key} can never be an entry key, naming its canonical placeholder
     * and the rule it breaks, or empty for an entry key} The snapshot must change: no entry can have that key.
     */
    static Optional<String> impossible(ReferencedKey key) {
        return key.violation().map(broken -> "{{ VAULT." + shown(key) + " }} can never be a vault entry key ("
                + broken.code() + ": " + broken.message() + "): change the placeholder in the snapshot.");
    }

    /** {@return where progress goes: standard error when it is the console, else nowhere} */
    static PrintWriter progress(Surroundings surroundings, PrintWriter err) {
        return surroundings.progress(err).orElseGet(() -> new PrintWriter(PrintWriter.nullWriter()));
    }

    /** {@return the steps of a prerequisite check of {@code organization}, as lines on {@code progress}} */
    static SnapshotChecks.Progress checkProgress(PrintWriter progress, OrganizationId organization) {
        return new SnapshotChecks.Progress() {
            @Override
            public void checking(int keys, int references) {
                progress.println("checking " + Counted.of(keys, "referenced key") + " (" + Counted.of(references,
                        "reference") + ") in "
                        + organization.value());
                progress.flush();
            }

            @Override
            public void scanned(long read, long total) {
                if (total > 1000) {
                    progress.println("looking for similar keys: " + read + " of " + total + " entries");
                    progress.flush();
                }
            }
        };
    }
}
