package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 23: each command's help shows only the store options it uses, described as they are true for it, and only
 * the exit codes it can return.
 */
class CommandHelpTruthTest {
    /** The commands that create a vault when the data directory does not exist or is empty. */
    private static final Set<String> CREATING = Set.of("init", "serve", "token create");

    @TempDir
    Path root;

    @Test
    void only_the_commands_that_create_a_vault_say_so_and_the_admin_token_file_shows_where_it_is_used() {
        Map<String, String> helps = leafHelps();
        Set<String> sayCreated = new TreeSet<>();
        Set<String> writeAdminToken = new TreeSet<>();
        Set<String> showAdminTokenFile = new TreeSet<>();
        Set<String> reachServers = new TreeSet<>();
        helps.forEach((name, help) -> {
            String flat = help.replaceAll("\\s+", " ");
            if (flat.contains("created with a new vault")) {
                sayCreated.add(name);
            }
            if (flat.contains("Where a new vault writes its generated admin token")) {
                writeAdminToken.add(name);
            }
            if (flat.contains("--admin-token-file=FILE")) {
                showAdminTokenFile.add(name);
            }
            if (flat.contains("--server=URL")) {
                reachServers.add(name);
            }
        });

        assertThat(sayCreated).containsExactlyInAnyOrderElementsOf(CREATING);
        assertThat(writeAdminToken).containsExactlyInAnyOrderElementsOf(CREATING);
        // elsewhere the admin token file is read to go through the server that holds the data directory, and only
        // by the commands that can run through a server
        Set<String> readers = new TreeSet<>(reachServers);
        readers.addAll(CREATING);
        assertThat(showAdminTokenFile).isEqualTo(readers);
        helps.forEach((name, help) -> {
            if (showAdminTokenFile.contains(name) && !CREATING.contains(name)) {
                assertThat(help.replaceAll("\\s+", " ")).as(name).contains("The data directory's admin token, read"
                        + " only to run through the server that holds the data directory.");
            }
        });
        assertThat(showAdminTokenFile).as("the commands that never run through a server").doesNotContain(
                "entry reveal", "ipe-params", "rekey", "restore");
        assertThat(helps.get("restore").replaceAll("\\s+", " ")).contains(
                "The data directory whose vault the backup replaces; created when it does not exist.");
    }

    @Test
    void a_command_that_does_not_create_a_vault_exits_5_on_a_missing_one_and_creates_nothing() throws Exception {
        OfflineRun vault = new OfflineRun(root, false);
        for (String[] command : List.of(new String[] {"entry", "list", "--org", "acme"}, new String[] {"verify"},
                new String[] {"snapshot", "list", "--org", "acme"})) {
            OfflineRun.Run run = vault.vault(command);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
            assertThat(run.err()).contains(vault.dataDir().toString());
        }
        assertThat(Files.exists(vault.dataDir())).isFalse();
        assertThat(Files.exists(vault.keyFile())).isFalse();
    }

    @Test
    void each_command_lists_only_the_exit_codes_it_can_return() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("version", List.of("0", "2"));
        expected.put("completion", List.of("0", "2"));
        expected.put("help", List.of("0", "2"));
        expected.put("entry list", List.of("0", "1", "2", "4", "5"));
        expected.put("entry reveal", List.of("0", "1", "2", "4", "5"));
        expected.put("token create", List.of("0", "1", "2", "4", "5"));
        expected.put("serve", List.of("0", "1", "2", "4", "5"));
        expected.put("snapshot register", List.of("0", "1", "2", "4", "5"));
        expected.put("snapshot check", List.of("0", "1", "2", "3", "4", "5"));
        expected.put("snapshot apply", List.of("0", "1", "2", "3", "4", "5"));
        expected.put("ipe-params", List.of("0", "1", "2", "4", "5", "CMD"));
        expected.put("entry", List.of("0", "1", "2", "4", "5"));
        expected.put("snapshot", List.of("0", "1", "2", "3", "4", "5"));
        expected.put("", List.of("0", "1", "2", "3", "4", "5"));

        Map<String, List<String>> listed = new LinkedHashMap<>();
        for (String command : expected.keySet()) {
            List<String> args = new ArrayList<>(List.of("help"));
            args.addAll(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            listed.put(command, exitCodes(run(args.toArray(String[]::new))));
        }

        assertThat(listed).isEqualTo(expected);
    }

    // The codes of the help's "Exit codes:" section, in order.
    private static List<String> exitCodes(String help) {
        List<String> codes = new ArrayList<>();
        boolean inSection = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Exit codes:")) {
                inSection = true;
            } else if (inSection && line.isBlank()) {
                break;
            } else if (inSection) {
                codes.add(line.strip().split("\\s+")[0]);
            }
        }
        return codes;
    }

    private Map<String, String> leafHelps() {
        Map<String, String> helps = new LinkedHashMap<>();
        collect(Main.commandLine(surroundings()), helps);
        return helps;
    }

    private static void collect(CommandLine command, Map<String, String> helps) {
        if (command.getSubcommands().isEmpty()) {
            StringWriter help = new StringWriter();
            command.usage(new PrintWriter(help, true));
            helps.put(command.getCommandSpec().qualifiedName().replaceFirst("^offline-vault ", ""), help.toString());
        }
        command.getSubcommands().values().forEach(subcommand -> collect(subcommand, helps));
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        int exit = Main.execute(surroundings(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                args);
        assertThat(exit).as(String.join(" ", args)).isZero();
        return out.toString();
    }

    private Surroundings surroundings() {
        return new Surroundings(Map.of(), root.resolve("home"), Terminal.none(), stop -> { },
                () -> new ByteArrayInputStream(new byte[0]));
    }
}
