package io.offlinevault.app.store;

import static io.offlinevault.app.cli.PassphraseCommandTest.PASSPHRASE;
import static io.offlinevault.app.cli.PassphraseCommandTest.withSmallKdf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ScriptedTerminal;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault rekey} and {@code rotate} in-process, through picocli, on a vault under a temp dir. */
class RekeyCommandTest {
    private static final String NEW_PASSPHRASE = "new passphrase, typed twice 7b2e";
    private static final String VALUE = "S3NT1NEL-entry-value-41aa";

    @TempDir
    Path root;

    private final StringWriter everything = new StringWriter();
    private final List<ScriptedTerminal> consoles = new ArrayList<>();

    private Path dataDir() {
        return root.resolve("data");
    }

    private Path keyFile() {
        return root.resolve("keys/vault.key");
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code offline-vault <args> --data-dir ..} with {@code keyFile}, on {@code terminal}. */
    private Run vault(Terminal terminal, Path keyFile, String... args) {
        if (terminal instanceof ScriptedTerminal scripted) {
            consoles.add(scripted);
        }
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--data-dir", dataDir().toString(), "--key-file", keyFile.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Surroundings surroundings = new Surroundings(Map.of(), root.resolve("home"), terminal, stop -> { });
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true),
                command.toArray(String[]::new));
        everything.append(out.toString()).append(err.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Run vault(String... args) {
        return vault(Terminal.none(), keyFile(), args);
    }

    private String output() {
        StringBuilder all = new StringBuilder(everything.toString());
        consoles.forEach(console -> all.append(console.written()));
        return all.toString();
    }

    private static Run succeeded(Run run) {
        assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isZero();
        return run;
    }

    private void createEntry(String key) throws Exception {
        Path value = Files.writeString(root.resolve(key + ".txt"), VALUE + "-" + key, UTF_8);
        succeeded(vault("entry", "create", "--org", "acme", "--key", key, "--value-file", value.toString()));
    }

    private List<Path> oldKeyFiles() throws Exception {
        try (Stream<Path> files = Files.list(keyFile().getParent())) {
            return files.filter(file -> file.getFileName().toString().startsWith("vault.key.old-")).toList();
        }
    }

    @Test
    @Tag("slow")
    void a_new_passphrase_opens_the_vault_and_the_old_one_no_longer_does() throws Exception {
        // given: a vault with a key file and a passphrase from a file
        Path old = ownerOnly(Files.writeString(root.resolve("old.txt"), PASSPHRASE + "\n", UTF_8));
        succeeded(vault(withSmallKdf("init", "--passphrase-file", old.toString())));
        createEntry("db");
        Path noKeyFile = root.resolve("elsewhere/none.key");
        // when: the key file opens it, so only the new passphrase is asked for, twice
        ScriptedTerminal console = ScriptedTerminal.typing(NEW_PASSPHRASE, NEW_PASSPHRASE);
        Run rekey = vault(console, keyFile(), withSmallKdf("rekey", "--new-passphrase"));
        // then
        succeeded(rekey);
        assertThat(console.prompts()).containsExactly("The new passphrase: ", "The new passphrase again: ");
        assertThat(rekey.out()).contains("passphrase changed",
                "the vault now opens with key file " + keyFile() + " or its passphrase",
                "checkpoint.prev and backups taken before this change still open with the old key");
        Run withOld = vault(Terminal.none(), noKeyFile, "entry", "list", "--org", "acme", "--passphrase-file",
                old.toString());
        assertThat(withOld.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(withOld.err()).contains("STORE_WRONG_KEY");
        Run withNew = vault(ScriptedTerminal.typing(NEW_PASSPHRASE), noKeyFile, "entry", "list", "--org", "acme");
        assertThat(succeeded(withNew).out()).contains("db");
        assertThat(output()).doesNotContain(PASSPHRASE, NEW_PASSPHRASE, VALUE);
    }

    @Test
    void a_new_key_file_opens_the_vault_the_old_one_no_longer_does_and_is_kept_aside() throws Exception {
        // given
        succeeded(vault("init"));
        createEntry("db");
        byte[] oldKey = Files.readAllBytes(keyFile());
        Path oldCopy = Files.write(root.resolve("old-copy.key"), oldKey);
        Files.setPosixFilePermissions(oldCopy, PosixFilePermissions.fromString("rw-------"));
        // when
        Run rekey = vault("rekey", "--new-key-file");
        // then
        succeeded(rekey);
        assertThat(oldKeyFiles()).hasSize(1);
        Path keptAside = oldKeyFiles().get(0);
        assertThat(Files.readAllBytes(keptAside)).isEqualTo(oldKey);
        assertThat(Files.readAllBytes(keyFile())).isNotEqualTo(oldKey);
        assertThat(rekey.out()).contains("new key file: " + keyFile() + " (the old one is kept as " + keptAside + ")",
                "the vault now opens with key file " + keyFile(), "checkpoint.prev and backups taken before this"
                        + " change still open with the old key");
        Run withOld = vault(Terminal.none(), oldCopy, "entry", "list", "--org", "acme");
        assertThat(withOld.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(withOld.err()).contains("STORE_WRONG_KEY");
        assertThat(succeeded(vault("entry", "list", "--org", "acme")).out()).contains("db");
        assertThat(output()).doesNotContain(VALUE, new String(oldKey, UTF_8).strip(),
                Files.readString(keyFile(), UTF_8).strip());
    }

    @Test
    void a_vault_opened_by_a_leftover_key_file_warns_until_rekey_new_key_file_finishes_the_change() throws Exception {
        // given: a key change interrupted after the checkpoint that only the new key opens, before its rename
        succeeded(vault("init"));
        createEntry("db");
        succeeded(vault("rekey", "--new-key-file"));
        Path leftover = keyFile().resolveSibling("vault.key.new");
        Files.move(keyFile(), leftover);
        // when
        Run list = vault("entry", "list", "--org", "acme");
        // then
        assertThat(succeeded(list).out()).contains("db");
        assertThat(list.err()).contains("warning: the vault in " + dataDir() + " opened with " + leftover,
                "not with " + keyFile(), "run offline-vault rekey --new-key-file again to finish the change");
        // and running it again finishes it
        Run finish = vault("rekey", "--new-key-file");
        succeeded(finish);
        assertThat(finish.out()).contains("new key file: " + keyFile());
        assertThat(leftover).doesNotExist();
        Run after = vault("entry", "list", "--org", "acme");
        assertThat(succeeded(after).out()).contains("db");
        assertThat(after.err()).doesNotContain("warning");
    }

    @Test
    @Tag("slow")
    void removing_the_only_key_is_refused_and_a_new_key_file_in_the_same_run_makes_it_possible() throws Exception {
        // given: a passphrase-only vault
        Path passphrase = ownerOnly(Files.writeString(root.resolve("passphrase.txt"), PASSPHRASE, UTF_8));
        succeeded(vault(withSmallKdf("init", "--no-key-file", "--passphrase-file", passphrase.toString())));
        byte[] checkpoint = Files.readAllBytes(dataDir().resolve("checkpoint"));
        // when
        Run refused = vault("rekey", "--remove-passphrase", "--passphrase-file", passphrase.toString());
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(refused.err()).contains("removing its passphrase would leave it without any key",
                "offline-vault rekey --new-key-file --remove-passphrase");
        assertThat(Files.readAllBytes(dataDir().resolve("checkpoint"))).as("nothing changed").isEqualTo(checkpoint);
        // when
        Run both = vault("rekey", "--new-key-file", "--remove-passphrase", "--passphrase-file",
                passphrase.toString());
        // then
        succeeded(both);
        assertThat(both.out()).contains("new key file: " + keyFile() + " (nothing was at that path before",
                "passphrase removed", "the vault now opens with key file " + keyFile() + System.lineSeparator());
        succeeded(vault("token", "list"));
        assertThat(output()).doesNotContain(PASSPHRASE);
    }

    @Test
    void rekey_says_what_to_change_and_changes_nothing_on_bad_input() throws Exception {
        succeeded(vault("init"));
        byte[] checkpoint = Files.readAllBytes(dataDir().resolve("checkpoint"));

        Run nothing = vault("rekey");
        Run two = vault("rekey", "--new-passphrase", "--remove-passphrase");
        Run noConsole = vault("rekey", "--new-passphrase");
        Run differ = vault(ScriptedTerminal.typing("one", "two"), keyFile(), "rekey", "--new-passphrase");
        Run noPassphrase = vault("rekey", "--remove-passphrase");

        assertThat(nothing.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(nothing.err()).contains("Say what to change");
        assertThat(two.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(two.err()).contains("exclude each other");
        assertThat(noConsole.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(noConsole.err()).contains("there is no console", "--new-passphrase-file");
        assertThat(differ.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(differ.err()).contains("the two passphrases typed differ");
        assertThat(Files.readAllBytes(dataDir().resolve("checkpoint"))).as("nothing changed").isEqualTo(checkpoint);
        assertThat(succeeded(noPassphrase).out()).contains("the vault has no passphrase: nothing to remove");
    }

    @Test
    void rotate_prints_the_new_term_and_every_entry_stays_readable() throws Exception {
        // given
        succeeded(vault("init"));
        createEntry("db");
        createEntry("api");
        // when
        Run first = vault("rotate");
        createEntry("after");
        Run second = vault("rotate");
        // then
        assertThat(succeeded(first).out()).isEqualTo("rotated: new data is sealed under key term 2; everything"
                + " written before stays readable" + System.lineSeparator());
        assertThat(succeeded(second).out()).contains("key term 3");
        assertThat(succeeded(vault("entry", "list", "--org", "acme")).out()).contains("db", "api", "after");
        assertThat(output()).doesNotContain(VALUE);
    }

    @Test
    void rekey_exits_4_naming_the_pid_while_a_server_holds_the_vault_and_rotate_runs_through_it() throws Exception {
        succeeded(vault("init"));
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            serve.port();

            Run rotate = vault("rotate");
            Run rekey = vault("rekey", "--new-key-file");

            assertThat(rotate.exitCode()).as(rotate.err()).isZero();
            assertThat(rotate.out()).startsWith("rotated: new data is sealed under key term 2");
            assertThat(rekey.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code()).isEqualTo(4);
            assertThat(rekey.err()).contains("pid " + ProcessHandle.current().pid(), "stop that server");
            assertThat(serve.stop()).isZero();
        }
        assertThat(oldKeyFiles()).as("no key file change").isEmpty();
    }

    @Test
    void rekey_and_rotate_help_list_their_options_an_example_and_the_exit_codes() {
        Run rekey = vault("rekey", "--help");
        Run rotate = vault("rotate", "--help");
        StringWriter top = new StringWriter();
        Main.execute(Surroundings.system(), new PrintWriter(top, true), new PrintWriter(new StringWriter(), true),
                "--help");

        assertThat(rekey.out()).contains("--new-passphrase", "--new-passphrase-file", "--remove-passphrase",
                "--new-key-file", "--passphrase-file", "checkpoint.prev", "offline-vault rekey --new-key-file",
                "Exit codes:").doesNotContain("--kdf");
        assertThat(rotate.out()).contains("new key term", "offline-vault rotate", "Exit codes:");
        assertThat(top.toString()).contains("rekey", "rotate");
    }

    private static Path ownerOnly(Path file) throws IOException {
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
