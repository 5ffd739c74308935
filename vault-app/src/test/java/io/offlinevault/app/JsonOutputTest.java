package io.offlinevault.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import io.offlinevault.http.codec.WireJson;
import java.io.ByteArrayInputStream;
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

/** Issue 23: {@code -o json} prints one JSON document on every command that has it. */
class JsonOutputTest {
    @TempDir
    Path root;

    @Test
    void every_command_with_output_json_prints_one_json_document() throws Exception {
        OfflineRun vault = new OfflineRun(root, false);
        vault.createVault();
        Path snapshot = Files.writeString(root.resolve("snapshot.json"), "{\"resources\": {\"SOURCE\": [{"
                + "\"resourceName\": \"web\", \"model\": {\"secret\": \"{{ VAULT.web-secret.value }}\"}}]}}");
        Path items = Files.writeString(root.resolve("items.json"), "[{\"key\": \"web-secret.value\", \"value\": \"v\"}]");
        String id = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme").out().strip();
        String otherId = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "other").out().strip();

        Map<String, String[]> commands = new LinkedHashMap<>();
        commands.put("snapshot check", new String[] {"snapshot", "check", "-f", snapshot.toString(), "--org", "acme"});
        commands.put("entry import", new String[] {"entry", "import", "-f", items.toString(), "--org", "acme"});
        commands.put("entry list", new String[] {"entry", "list", "--org", "acme"});
        commands.put("token list", new String[] {"token", "list"});
        commands.put("verify", new String[] {"verify"});
        commands.put("fetch", new String[] {"fetch", "--from", "acme", "--to", "other", "--snapshot", otherId,
            "--dry-run"});
        commands.put("snapshot apply", new String[] {"snapshot", "apply", "--snapshot", id, "--org", "acme", "--dry-run"});
        commands.put("snapshot list", new String[] {"snapshot", "list", "--org", "acme"});
        commands.put("snapshot get", new String[] {"snapshot", "get", "--snapshot", id, "--org", "acme"});
        commands.put("org list", new String[] {"org", "list"});
        assertThat(commands.keySet()).as("every command that has -o").containsExactlyInAnyOrderElementsOf(
                commandsWithOutput());

        for (Map.Entry<String, String[]> command : commands.entrySet()) {
            List<String> args = new ArrayList<>(List.of(command.getValue()));
            args.addAll(List.of("-o", "json"));
            OfflineRun.Run run = vault.vault(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s (3: entries are missing): %s", command.getKey(), run.err()).isIn(0, 3);
            // one document: the reader refuses anything after it
            Object json = WireJson.read(run.out().getBytes(UTF_8), 1 << 20, command.getKey() + "'s output");
            assertThat(json).as(command.getKey()).isNotNull();
        }
    }

    @Test
    void the_old_json_flag_still_works_and_says_once_that_it_is_deprecated() {
        OfflineRun vault = new OfflineRun(root, false);
        vault.createVault();
        OfflineRun.Run old = vault.vault("entry", "list", "--org", "acme", "--json");
        assertThat(old.exitCode()).isZero();
        assertThat(old.out()).startsWith("{");
        assertThat(old.err()).isEqualTo("warning: --json is deprecated: use -o json\n");
    }

    private Set<String> commandsWithOutput() {
        Surroundings surroundings = new Surroundings(Map.of(), root.resolve("home"), Terminal.none(), stop -> { },
                () -> new ByteArrayInputStream(new byte[0]));
        Set<String> names = new TreeSet<>();
        collect(Main.commandLine(surroundings), names);
        return names;
    }

    private static void collect(CommandLine command, Set<String> names) {
        if (command.getCommandSpec().findOption("--output") != null
                && command.getCommandSpec().findOption("-o") != null) {
            names.add(command.getCommandSpec().qualifiedName().replaceFirst("^offline-vault ", ""));
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, names));
    }
}
