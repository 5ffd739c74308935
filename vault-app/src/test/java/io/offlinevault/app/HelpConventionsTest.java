package io.offlinevault.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 23: help a user can trust, and usage errors that fit on a screen. */
class HelpConventionsTest {
    @TempDir
    Path root;

    @Test
    void every_help_renders_without_a_warning_and_no_example_is_wrapped() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : all(Main.commandLine(surroundings()))) {
            String name = command.getCommandSpec().qualifiedName();
            PrintStream realErr = System.err;
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            StringWriter help = new StringWriter();
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            try {
                command.usage(new PrintWriter(help, true));
            } finally {
                System.setErr(realErr);
            }
            if (warnings.size() > 0 || help.toString().contains("[picocli WARN]")) {
                problems.add(name + " --help warns: " + warnings.toString(StandardCharsets.UTF_8).strip());
            }
            int width = command.getCommandSpec().usageMessage().width();
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                String rendered;
                try {
                    rendered = String.format(line);
                } catch (IllegalFormatException e) {
                    problems.add(name + ": a % that is not %% or %n in an example: " + line);
                    continue;
                }
                for (String shown : rendered.split("\\R", -1)) {
                    if (shown.length() > width) {
                        problems.add(name + ": an example line wrapped at " + width + " columns: " + shown);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void a_usage_error_is_the_error_the_usage_line_and_where_help_is_in_at_most_five_lines() {
        List<String[]> mistakes = List.of(
                new String[] {"entry", "create", "--org"},
                new String[] {"entry", "create", "--no-such-option"},
                new String[] {"entry", "list"},
                new String[] {"entry"},
                new String[] {"snapshot", "apply"},
                new String[] {"token", "create", "--name", "x", "--privilege", "NOPE"},
                new String[] {"serve", "--port", "eighty"},
                new String[] {"no-such-command"},
                new String[] {});
        for (String[] args : mistakes) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.execute(surroundings(), new PrintWriter(out, true), new PrintWriter(err, true), args);
            String command = String.join(" ", args);
            assertThat(exit).as("exit of '%s'", command).isEqualTo(2);
            assertThat(out.toString()).as("stdout of '%s'", command).isEmpty();
            List<String> lines = err.toString().lines().toList();
            assertThat(lines).as("stderr of '%s'", command).hasSizeBetween(2, 5);
            assertThat(lines.get(lines.size() - 1)).as("stderr of '%s'", command).startsWith("See 'offline-vault")
                    .endsWith("--help' for more.");
            assertThat(err.toString()).as("stderr of '%s'", command).contains("Usage: offline-vault");
        }
    }

    @Test
    void help_and_version_are_commands_too() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.execute(surroundings(), new PrintWriter(out, true), new PrintWriter(err, true), "help",
                "entry", "create")).isZero();
        assertThat(out.toString()).startsWith("Usage: offline-vault entry create");

        StringWriter version = new StringWriter();
        assertThat(Main.execute(surroundings(), new PrintWriter(version, true), new PrintWriter(err, true),
                "version")).isZero();
        StringWriter flag = new StringWriter();
        assertThat(Main.execute(surroundings(), new PrintWriter(flag, true), new PrintWriter(err, true),
                "--version")).isZero();
        assertThat(version.toString()).startsWith("offline-vault ").isEqualTo(flag.toString());
    }

    @Test
    void the_completion_scripts_are_valid_shell() throws Exception {
        for (String shell : List.of("bash", "zsh")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertThat(Main.execute(surroundings(), new PrintWriter(out, true), new PrintWriter(err, true),
                    "completion", shell)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("entry", "snapshot", "--org", "--server");
            Path script = Files.writeString(root.resolve("completion." + shell), out.toString());
            // bash -n parses without running; the zsh script is the bash one behind zsh's bashcompinit
            Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes(), UTF_8)).isZero();
        }
        StringWriter err = new StringWriter();
        assertThat(Main.execute(surroundings(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "completion", "fish")).isEqualTo(2);
    }

    private Surroundings surroundings() {
        return new Surroundings(Map.of(), root.resolve("home"), Terminal.none(), stop -> { },
                () -> new ByteArrayInputStream(new byte[0]));
    }

    private static List<CommandLine> all(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        for (CommandLine subcommand : command.getSubcommands().values()) {
            all.addAll(all(subcommand));
        }
        return all;
    }
}
