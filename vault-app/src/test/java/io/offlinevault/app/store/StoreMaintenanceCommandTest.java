package io.offlinevault.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault verify|backup|restore} in-process, through picocli, on a vault under a temp dir. */
class StoreMaintenanceCommandTest {
    private static final String SENTINEL = "m41nt3nance-Sentinel";

    @TempDir
    Path root;

    private OfflineRun vault;

    @BeforeEach
    void vaultWithAnEntry() {
        vault = new OfflineRun(root, true);
        vault.createVault();
        vault.createEntries("acme", List.of(Map.of("key", "before", "value", SENTINEL)));
    }

    private List<String> keys() {
        try (FileVaultStore store = FileVaultStore.open(vault.location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).isEmpty();
            return store.repository().view().entries(OrganizationId.of("acme"), 0, 100).stream().map(VaultEntry::key)
                    .map(EntryKey::value).toList();
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void verify_of_an_intact_vault_lists_every_file_and_exits_0() {
        OfflineRun.Run verify = vault.vault("verify");

        assertThat(verify.exitCode()).as("stderr: %s", verify.err()).isZero();
        assertThat(verify.out()).containsPattern("(?m)^checkpoint +OK +current +generation 0, written \\S+Z, covers"
                        + " the journal through segment 0 \\(record 0\\), key term 1, opened with the key file ")
                .containsPattern("(?m)^journal\\.1 +OK +current +1 record \\(seq 1\\), key term 1$")
                .contains("the vault is intact (2 files OK; checkpoint.prev: none yet)");
        assertThat(vault.output()).doesNotContain(SENTINEL);
    }

    @Test
    void verify_names_a_damaged_file_with_its_error_and_exits_5() throws IOException {
        Path segment = vault.dataDir().resolve("journal.1");
        byte[] bytes = Files.readAllBytes(segment);
        bytes[20] ^= 1;
        Files.write(segment, bytes);

        OfflineRun.Run verify = vault.vault("verify");

        assertThat(verify.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code()).isEqualTo(5);
        assertThat(verify.out()).containsPattern("(?m)^journal\\.1 +ERROR +current +STORE_CORRUPT: The journal"
                + " segment 1 is damaged \\(its SHA-256 checksum does not match\\)")
                .contains("the vault does not open from these files (1 file OK, 1 file ERROR): restore it from a backup"
                        + " with offline-vault restore --from DIR");
    }

    @Test
    void backup_then_restore_brings_back_the_vault_as_it_was_and_keeps_the_replaced_files() throws IOException {
        // given
        Path backupDir = root.resolve("backups/monday");
        OfflineRun.Run backup = vault.vault("backup", "--to", backupDir.toString());
        vault.createEntries("acme", List.of(Map.of("key", "after", "value", "v")));
        assertThat(keys()).containsExactly("after", "before");
        // when
        OfflineRun.Run restore = vault.vault("restore", "--from", backupDir.toString());
        // then
        assertThat(backup.exitCode()).as("stderr: %s", backup.err()).isZero();
        assertThat(backup.out()).matches("backed up generation 0 \\(checkpoint of \\S+Z\\) through record 1 to "
                + Pattern.quote(backupDir.toString())
                + ": 1 checkpoint, 1 journal segment, 0 blobs, \\d+ bytes\\R");
        assertThat(backup.err()).contains("warning: the key file is not inside the backup; it is " + vault.keyFile()
                + ". Keep a copy of it (or the vault's passphrase) apart from the backup: losing every key loses every"
                + " secret.");
        try (Stream<Path> files = Files.walk(backupDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("vault.key")
                    .contains("checkpoint", "journal.1");
        }
        assertThat(restore.exitCode()).as("stderr: %s", restore.err()).isZero();
        assertThat(restore.out()).containsPattern("^restored generation 0 \\(checkpoint of \\S+Z\\) through record 1"
                + " from " + Pattern.quote(backupDir.toString()) + " as generation 1\\R")
                .containsPattern("the store files it replaced are in " + Pattern.quote(
                        vault.dataDir().toString()) + "/damaged-\\d{8}T\\d{6}Z\\R");
        assertThat(keys()).containsExactly("before");
        assertThat(vault.vault("verify").exitCode()).isZero();
        assertThat(vault.output()).doesNotContain(SENTINEL);
    }

    @Test
    void backup_to_a_directory_that_is_not_empty_exits_2_and_writes_nothing() throws IOException {
        Path full = Files.createDirectories(root.resolve("full"));
        Files.writeString(full.resolve("mine.txt"), "mine");

        OfflineRun.Run backup = vault.vault("backup", "--to", full.toString());

        assertThat(backup.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(backup.err()).contains("is not empty: give a new or empty directory");
        assertThat(onlyFile(full).getFileName().toString()).isEqualTo("mine.txt");
    }

    @Test
    void restore_of_a_damaged_backup_exits_5_and_changes_nothing() throws IOException {
        Path backupDir = root.resolve("backup");
        assertThat(vault.vault("backup", "--to", backupDir.toString()).exitCode()).isZero();
        vault.createEntries("acme", List.of(Map.of("key", "after", "value", "v")));
        Path checkpoint = backupDir.resolve("checkpoint");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 1;
        Files.write(checkpoint, bytes);

        OfflineRun.Run restore = vault.vault("restore", "--from", backupDir.toString());

        assertThat(restore.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(restore.err()).startsWith("The backup in " + backupDir + " does not verify, so nothing was restored"
                + " and nothing changed: ");
        assertThat(restore.out()).isEmpty();
        assertThat(keys()).containsExactly("after", "before");
        try (Stream<Path> files = Files.list(vault.dataDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("damaged-"));
        }
    }

    @Test
    void restore_of_a_backup_whose_journal_segment_was_removed_exits_5_and_verify_names_it() throws IOException {
        // given: before, the restore exited 0 with an empty vault
        Path backupDir = root.resolve("backup");
        assertThat(vault.vault("backup", "--to", backupDir.toString()).exitCode()).isZero();
        vault.createEntries("acme", List.of(Map.of("key", "after", "value", "v")));
        Files.delete(backupDir.resolve("journal.1"));
        // when
        OfflineRun.Run restore = vault.vault("restore", "--from", backupDir.toString());
        OfflineRun.Run verify = vault.run("verify", "--data-dir", backupDir.toString(), "--key-file",
                vault.keyFile().toString());
        // then
        assertThat(restore.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(restore.err()).contains("does not verify, so nothing was restored")
                .contains("journal.1 is missing: backup.json lists it");
        assertThat(keys()).containsExactly("after", "before");
        assertThat(verify.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(verify.out()).containsPattern("(?m)^journal\\.1 +ERROR +current +STORE_CORRUPT: The backup's"
                + " journal\\.1 is missing: backup.json lists it");
    }

    @Test
    void restore_of_an_older_backup_without_backup_json_warns_and_restores() throws IOException {
        Path backupDir = root.resolve("backup");
        assertThat(vault.vault("backup", "--to", backupDir.toString()).exitCode()).isZero();
        vault.createEntries("acme", List.of(Map.of("key", "after", "value", "v")));
        Files.delete(backupDir.resolve("backup.json"));

        OfflineRun.Run restore = vault.vault("restore", "--from", backupDir.toString());

        assertThat(restore.exitCode()).as("stderr: %s", restore.err()).isZero();
        assertThat(restore.err()).contains("warning: the backup has no backup.json (an older release wrote it)");
        assertThat(keys()).containsExactly("before");
    }

    @Test
    void a_server_the_command_line_cannot_reach_makes_verify_backup_and_restore_exit_4_naming_the_pid()
            throws Exception {
        Path backupDir = root.resolve("backup");
        assertThat(vault.vault("backup", "--to", backupDir.toString()).exitCode()).isZero();
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            serve.port();
            // without its server.json, the command line cannot trust where the server listens
            Files.delete(vault.dataDir().resolve("server.json"));
            List<OfflineRun.Run> runs = List.of(
                    vault.vault("verify"),
                    vault.vault("backup", "--to", root.resolve("second").toString()),
                    vault.vault("restore", "--from", backupDir.toString()));
            for (OfflineRun.Run run : runs) {
                assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(ExitStatus.STORE_LOCKED.code());
                assertThat(run.err()).contains("pid " + ProcessHandle.current().pid()).containsAnyOf(
                        "run this command through that server with --server URL and --token-file FILE",
                        "restore replaces the vault's files and needs the data directory to itself: stop that server");
                assertThat(run.out()).isEmpty();
            }
            assertThat(serve.stop()).isZero();
        }
        assertThat(root.resolve("second")).doesNotExist();
    }

    @Test
    void help_of_each_command_says_what_it_keeps_and_lists_the_exit_codes() {
        for (String command : List.of("verify", "backup", "restore")) {
            OfflineRun.Run help = vault.run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("offline-vault " + command, "Example", "Exit codes:",
                    ExitStatus.STORE_LOCKED.meaning(), "--data-dir", "--key-file");
        }
        assertThat(vault.run("backup", "--help").out()).contains("The key file is NOT copied");
        assertThat(vault.run("restore", "--help").out()).contains("damaged-<date>");
        assertThat(vault.run("--help").out()).containsPattern("(?m)^\\s+verify\\s+Checks every file")
                .containsPattern("(?m)^\\s+backup\\s+Copies the vault").containsPattern("(?m)^\\s+restore\\s+Makes a backup");
    }
}
