package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Surroundings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void help_exits_0_and_lists_every_exit_code() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: offline-vault", "--version", "--help", "Exit codes:")
                .contains(Arrays.stream(ExitStatus.values()).map(ExitStatus::meaning).toList());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void version_exits_0_and_names_the_build_version() {
        int exitCode = run("--version");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).containsPattern("^offline-vault \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void no_subcommand_prints_the_help_and_exits_2() {
        int exitCode = run();

        assertThat(exitCode).isEqualTo(ExitStatus.USAGE.code()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing a command (offline-vault help lists them).", "Usage: offline-vault");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknown_option_is_a_usage_error() {
        int exitCode = run("--no-such-option");

        assertThat(exitCode).isEqualTo(ExitStatus.USAGE.code());
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void every_command_is_listed_by_its_own_name_in_the_order_of_the_help() {
        CommandLine all = Main.commandLine(Surroundings.system());

        assertThat(Main.commands(Surroundings.system()).keySet()).containsExactlyElementsOf(all.getSubcommands().keySet());
    }

    @Test
    void a_command_line_for_one_command_builds_only_that_command() {
        assertThat(subcommands("entry", "list", "--org", "acme")).as("entry, list, --org, acme").containsExactly("entry");
        assertThat(subcommands("--verbose", "serve", "--help")).as("--verbose, serve, --help").containsExactly("serve");
        assertThat(subcommands("--version")).as("--version").isEmpty();
        assertThat(subcommands("-V", "--verbose")).as("-V, --verbose").isEmpty();
    }

    @Test
    void help_completion_root_options_and_unknown_commands_get_every_command() {
        Set<String> every = Main.commands(Surroundings.system()).keySet();

        assertThat(subcommands("help", "entry")).as("help, entry").containsExactlyElementsOf(every);
        assertThat(subcommands("completion", "bash")).as("completion, bash").containsExactlyElementsOf(every);
        assertThat(subcommands("--help")).as("--help").containsExactlyElementsOf(every);
        assertThat(subcommands("-hV")).as("-hV").containsExactlyElementsOf(every);
        assertThat(subcommands("--verbose")).as("--verbose").containsExactlyElementsOf(every);
        assertThat(subcommands()).as("").containsExactlyElementsOf(every);
        assertThat(subcommands("entri", "list")).as("entri, list").containsExactlyElementsOf(every);
        assertThat(subcommands("--no-such-option", "entry")).as("--no-such-option, entry").containsExactlyElementsOf(every);
    }

    @Test
    void a_misspelt_command_is_a_usage_error_with_the_usage_of_every_command() {
        int exitCode = run("entri", "list");

        assertThat(exitCode).isEqualTo(ExitStatus.USAGE.code());
        assertThat(err.toString()).contains("'entri'", "Usage: offline-vault COMMAND [OPTIONS]");
    }

    @Test
    void a_subcommand_run_alone_still_prints_its_qualified_usage() {
        int exitCode = run("entry", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: offline-vault entry", "Exit codes:");
    }

    @Test
    void a_command_line_for_a_group_command_builds_only_that_one_of_the_group() {
        assertThat(subcommands("entry", "list", "--org", "acme")).as("entry, list, --org, acme").containsExactly("entry");
        assertThat(groupSubcommands("entry", "list", "--org", "acme")).as("entry, list, --org, acme").containsExactly("list");
        assertThat(groupSubcommands("--verbose", "token", "--verbose", "revoke", "x")).as("--verbose, token, --verbose, revoke, x")
                .containsExactly("revoke");
        assertThat(groupSubcommands("snapshot", "apply", "--help")).as("snapshot, apply, --help").containsExactly("apply");
        assertThat(groupSubcommands("org", "list")).as("org, list").containsExactly("list");
    }

    @Test
    void each_group_command_alone_is_found_by_its_own_name() {
        Map<String, CommandLine> groups = new LinkedHashMap<>();
        Main.commandLine(Surroundings.system()).getSubcommands().forEach((name, command) -> {
            if (!command.getSubcommands().isEmpty() && !name.equals("help")) {
                groups.put(name, command);
            }
        });

        assertThat(groups).containsOnlyKeys("token", "entry", "snapshot", "org");
        groups.forEach((group, command) -> command.getSubcommands().keySet().forEach(name ->
                assertThat(groupSubcommands(group, name)).as(group + ", " + name).containsExactly(name)));
    }

    @Test
    void a_group_without_a_known_subcommand_name_next_gets_all_of_them() {
        Set<String> entryCommands = Main.commandLine(Surroundings.system()).getSubcommands().get("entry").getSubcommands().keySet();

        assertThat(entryCommands).hasSize(8);
        assertThat(groupSubcommands("entry")).as("entry").containsExactlyElementsOf(entryCommands);
        assertThat(groupSubcommands("entry", "--help")).as("entry, --help").containsExactlyElementsOf(entryCommands);
        assertThat(groupSubcommands("entry", "lst")).as("entry, lst").containsExactlyElementsOf(entryCommands);
        assertThat(groupSubcommands("entry", "--verbose")).as("entry, --verbose").containsExactlyElementsOf(entryCommands);
        assertThat(Main.commandLineFor(Surroundings.system(), "help", "entry", "list").getSubcommands().get("entry")
                .getSubcommands().keySet()).as("help, entry, list").containsExactlyElementsOf(entryCommands);
    }

    @Test
    void a_misspelt_group_command_is_a_usage_error_with_the_usage_of_the_group() {
        int exitCode = run("entry", "lst");

        assertThat(exitCode).isEqualTo(ExitStatus.USAGE.code());
        assertThat(err.toString()).contains("'lst'", "Usage: offline-vault entry COMMAND [OPTIONS]");
    }

    @Test
    void a_group_command_run_alone_still_prints_its_qualified_usage_and_exit_codes() {
        int exitCode = run("entry", "list", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: offline-vault entry list", "Exit codes:");
    }

    private static Set<String> subcommands(String... args) {
        return Main.commandLineFor(Surroundings.system(), args).getSubcommands().keySet();
    }

    // The subcommands of the one group the command line for args holds.
    private static Set<String> groupSubcommands(String... args) {
        return Main.commandLineFor(Surroundings.system(), args).getSubcommands().values().iterator().next()
                .getSubcommands().keySet();
    }

    @Test
    void exit_codes_are_0_to_5_in_order() {
        assertThat(ExitStatus.values()).extracting(ExitStatus::code).containsExactly(0, 1, 2, 3, 4, 5);
    }
}
