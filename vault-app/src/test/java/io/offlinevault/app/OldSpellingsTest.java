package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: input files are {@code -f FILE} and snapshot ids {@code --snapshot ID}; the old spellings still work,
 * hidden, with one deprecation line on standard error, and giving both is a usage error; {@code snapshot template}
 * writes its file with {@code --output-file FILE}, as {@code -o, --output} is the output format elsewhere.
 */
class OldSpellingsTest {
    private static final String SNAPSHOT = "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"web\", \"model\":"
            + " {\"secret\": \"{{ VAULT.web-secret }}\"}}]}}";

    @TempDir
    Path root;

    private OfflineRun vault;
    private Path snapshot;
    private Path items;

    @BeforeEach
    void createVault() throws Exception {
        vault = new OfflineRun(root, false);
        vault.createVault();
        snapshot = Files.writeString(root.resolve("snapshot.json"), SNAPSHOT);
        items = Files.writeString(root.resolve("items.json"), "[{\"key\": \"web-secret\", \"value\": \"v\"}]");
    }

    @Test
    void a_positional_file_still_works_and_says_once_that_it_is_deprecated() {
        String warning = "warning: the positional FILE is deprecated: use -f FILE\n";
        OfflineRun.Run check = vault.vault("snapshot", "check", snapshot.toString(), "--org", "acme");
        OfflineRun.Run template = vault.vault("snapshot", "template", snapshot.toString(), "--org", "acme");
        OfflineRun.Run imported = vault.vault("entry", "import", items.toString(), "--org", "acme");
        OfflineRun.Run register = vault.vault("snapshot", "register", snapshot.toString(), "--org", "acme");

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.err()).isEqualTo(warning);
        assertThat(check.out()).contains("MISSING", "web-secret");
        assertThat(template.exitCode()).isZero();
        assertThat(template.err()).isEqualTo(warning);
        assertThat(template.out()).contains("\"key\": \"web-secret\"");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).isEqualTo(warning);
        assertThat(imported.out()).startsWith("imported 1 entry into acme");
        assertThat(register.exitCode()).isZero();
        assertThat(register.err()).isEqualTo(warning);
        assertThat(register.out()).startsWith("acme-");
    }

    @Test
    void the_new_spellings_print_no_warning() {
        OfflineRun.Run imported = vault.vault("entry", "import", "--file", items.toString(), "--org", "acme");
        OfflineRun.Run check = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        String id = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme").out().strip();
        OfflineRun.Run apply = vault.vault("snapshot", "apply", "--snapshot", id, "--org", "acme", "--dry-run");

        assertThat(List.of(imported, check, apply)).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
        });
    }

    @Test
    void entry_create_json_file_still_works_and_says_once_that_it_is_deprecated() throws Exception {
        Path entry = Files.writeString(root.resolve("entry.json"), "{\"key\": \"api-url\", \"value\": \"u\"}");

        OfflineRun.Run created = vault.vault("entry", "create", "--org", "acme", "--json", entry.toString());

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).isEqualTo("warning: --json FILE is deprecated: use -f FILE\n");
        assertThat(created.out()).startsWith("created entry 'api-url' in acme");
    }

    @Test
    void a_positional_snapshot_id_still_works_and_says_once_that_it_is_deprecated() {
        String id = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme").out().strip();

        OfflineRun.Run apply = vault.vault("snapshot", "apply", id, "--org", "acme", "--dry-run");

        assertThat(apply.exitCode()).as(apply.err()).isEqualTo(3);
        assertThat(apply.err()).isEqualTo("warning: the positional ID is deprecated: use --snapshot ID\n");
        assertThat(apply.out()).startsWith("DRY_RUN report ");
    }

    @Test
    void template_output_file_is_output_file_and_the_old_output_still_works_with_one_warning() {
        Path viaNew = root.resolve("new.json");
        Path viaOld = root.resolve("old.json");

        OfflineRun.Run current = vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme",
                "--output-file", viaNew.toString());
        OfflineRun.Run old = vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme",
                "--output", viaOld.toString());
        OfflineRun.Run both = vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme",
                "--output", viaOld.toString(), "--output-file", root.resolve("both.json").toString());

        assertThat(current.exitCode()).as(current.err()).isZero();
        assertThat(current.err()).isEqualTo("wrote 1 entry skeleton to " + viaNew + "\n");
        assertThat(viaNew).content().contains("\"key\": \"web-secret\"");
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.err()).isEqualTo("warning: --output FILE is deprecated: use --output-file FILE\n"
                + "wrote 1 entry skeleton to " + viaOld + "\n");
        assertThat(viaOld).hasSameTextualContentAs(viaNew);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--output-file FILE and --output FILE say the same thing");
        assertThat(root.resolve("both.json")).doesNotExist();
        assertThat(vault.run("snapshot", "template", "--help").out()).contains("--output-file=FILE")
                .doesNotContain("--output=");
    }

    @Test
    void both_spellings_at_once_or_none_is_a_usage_error_that_writes_nothing() throws Exception {
        Path entry = Files.writeString(root.resolve("entry.json"), "{\"key\": \"api-url\", \"value\": \"u\"}");
        List<OfflineRun.Run> both = List.of(
                vault.vault("entry", "import", items.toString(), "-f", items.toString(), "--org", "acme"),
                vault.vault("entry", "create", "--org", "acme", "-f", entry.toString(), "--json", entry.toString()),
                vault.vault("snapshot", "register", snapshot.toString(), "-f", snapshot.toString(), "--org", "acme"),
                vault.vault("snapshot", "apply", "acme-x", "--snapshot", "acme-x", "--org", "acme"));
        List<OfflineRun.Run> none = List.of(
                vault.vault("entry", "import", "--org", "acme"),
                vault.vault("snapshot", "check", "--org", "acme"),
                vault.vault("snapshot", "apply", "--org", "acme"));

        for (OfflineRun.Run run : both) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).containsPattern("(-f FILE|--snapshot ID) and (the positional FILE|--json FILE|the"
                    + " positional ID) say the same thing").doesNotContain("warning:");
            assertThat(run.err().lines()).hasSizeBetween(2, 5);
        }
        for (OfflineRun.Run run : none) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).containsPattern("Give (the file to read with -f FILE|the snapshot's id with"
                    + " --snapshot ID)");
        }
        assertThat(vault.vault("entry", "list", "--org", "acme").out()).doesNotContain("api-url", "web-secret");
        assertThat(vault.vault("snapshot", "list", "--org", "acme").out()).startsWith("no snapshots");
    }

    @Test
    void the_help_shows_only_the_new_spellings() {
        for (String[] command : List.of(new String[] {"entry", "create"}, new String[] {"entry", "import"},
                new String[] {"snapshot", "check"}, new String[] {"snapshot", "template"},
                new String[] {"snapshot", "register"}, new String[] {"snapshot", "apply"})) {
            String help = vault.run(command[0], command[1], "--help").out();
            String name = String.join(" ", command);
            assertThat(help).as(name).startsWith("Usage: offline-vault " + name + " [")
                    .doesNotContain("--json", "[FILE]", "[ID]", " FILE\n", " ID\n");
            assertThat(help).as(name).contains(name.endsWith("apply") ? "--snapshot=ID" : "-f, --file=FILE");
        }
    }
}
