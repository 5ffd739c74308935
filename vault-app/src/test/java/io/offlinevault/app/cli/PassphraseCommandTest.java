package io.offlinevault.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The passphrase of every command that opens the vault, in-process through picocli: from a file, the environment
 * or a (scripted) console prompt, never from an argument; and the vaults that {@code init} and {@code serve} create
 * with one. Tests that derive a passphrase use the policy's smallest Argon2id costs (m=19 MiB, t=2).
 */
public class PassphraseCommandTest {
    public static final String PASSPHRASE = "correct horse ü battery staple";
    static final String[] SMALL_KDF = {"--kdf-memory-kib", "19456", "--kdf-iterations", "2"};
    private static final String VALUE = "S3NT1NEL-entry-value-9c1d";

    @TempDir
    Path root;

    // Everything every command of a test printed, on any stream, consoles included.
    private final StringWriter everything = new StringWriter();
    private final List<ScriptedTerminal> consoles = new ArrayList<>();

    private Path dataDir() {
        return root.resolve("data");
    }

    private Path keyFile() {
        return root.resolve("keys/vault.key");
    }

    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code offline-vault <args> --data-dir .. --key-file ..} on {@code terminal} with {@code environment}. */
    private Run vault(Terminal terminal, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--data-dir", dataDir().toString(), "--key-file", keyFile().toString()));
        return run(terminal, environment, command.toArray(String[]::new));
    }

    private Run vault(Terminal terminal, String... args) {
        return vault(terminal, Map.of(), args);
    }

    private Run run(Terminal terminal, Map<String, String> environment, String... args) {
        if (terminal instanceof ScriptedTerminal scripted) {
            consoles.add(scripted);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Surroundings surroundings = new Surroundings(environment, root.resolve("home"), terminal, stop -> { });
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true), args);
        everything.append(out.toString()).append(err.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    private String output() {
        StringBuilder all = new StringBuilder(everything.toString());
        consoles.forEach(console -> all.append(console.written()));
        return all.toString();
    }

    private Path file(String name, String content) throws Exception {
        Path file = Files.write(root.resolve(name), content.getBytes(UTF_8));
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** {@return {@code args} followed by the smallest Argon2id costs, for a test that derives a passphrase} */
    public static String[] withSmallKdf(String... args) {
        return Stream.concat(Stream.of(args), Stream.of(SMALL_KDF)).toArray(String[]::new);
    }

    private static void assertSucceeded(Run run) {
        assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isZero();
    }

    @Test
    @Tag("slow")
    void a_passphrase_only_vault_opens_with_the_same_passphrase_from_the_prompt_a_file_and_the_environment()
            throws Exception {
        // given: a vault created with --no-key-file and a passphrase typed twice
        ScriptedTerminal creation = ScriptedTerminal.typing(PASSPHRASE, PASSPHRASE);
        Run init = vault(creation, withSmallKdf("init", "--no-key-file"));
        assertSucceeded(init);
        assertThat(init.out()).contains("created a new vault in " + dataDir() + " (its passphrase alone, no key file;"
                + " keep it safe: losing every key loses every secret)");
        assertThat(creation.prompts()).containsExactly("The new vault's passphrase: ",
                "The new vault's passphrase again: ");
        assertThat(keyFile()).as("no key file").doesNotExist();
        Path lf = file("passphrase-lf.txt", PASSPHRASE + "\n");
        Path crlf = file("passphrase-crlf.txt", PASSPHRASE + "\r\n");
        Path value = file("value.txt", VALUE);

        // when: an entry created with the passphrase from a file ending with a newline
        Run create = vault(Terminal.none(), "entry", "create", "--org", "acme", "--key", "db", "--value-file",
                value.toString(), "--passphrase-file", lf.toString());
        // and listed with it from the environment (CRLF), then typed at the prompt
        Run fromEnvironment = vault(Terminal.none(), Map.of(Passphrases.FILE_VARIABLE, crlf.toString()),
                "entry", "list", "--org", "acme");
        ScriptedTerminal prompt = ScriptedTerminal.typing(PASSPHRASE);
        Run fromPrompt = vault(prompt, "entry", "list", "--org", "acme");

        // then
        assertSucceeded(create);
        assertSucceeded(fromEnvironment);
        assertSucceeded(fromPrompt);
        assertThat(fromEnvironment.out()).contains("db");
        assertThat(fromPrompt.out()).contains("db");
        assertThat(prompt.prompts()).containsExactly("Passphrase of the vault in " + dataDir() + ": ");
        assertThat(output()).doesNotContain(PASSPHRASE, VALUE);
    }

    @Test
    @Tag("slow")
    void a_wrong_or_missing_passphrase_exits_5_saying_which_keys_the_vault_accepts_and_names_no_secret()
            throws Exception {
        // given
        Path right = file("right.txt", PASSPHRASE);
        Path wrong = file("wrong.txt", "Tr0ub4dor&3-not-it");
        assertSucceeded(vault(Terminal.none(), withSmallKdf("init", "--no-key-file", "--passphrase-file",
                right.toString())));
        // when
        Run wrongOne = vault(Terminal.none(), "entry", "list", "--org", "acme", "--passphrase-file", wrong.toString());
        Run none = vault(Terminal.none(), "token", "list");
        // then
        assertThat(wrongOne.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code()).isEqualTo(5);
        assertThat(wrongOne.err()).contains("did not open (STORE_WRONG_KEY)", "The vault accepts its passphrase",
                "to recover: check --key-file", Passphrases.FILE_FLAG);
        assertThat(none.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(none.err()).contains("does not exist", "The vault accepts its passphrase",
                Passphrases.FILE_VARIABLE);
        assertThat(output()).doesNotContain(PASSPHRASE, "Tr0ub4dor&3-not-it");
    }

    @Test
    @Tag("slow")
    void the_passphrase_is_asked_for_only_when_the_key_file_does_not_open_the_vault() {
        // given: a vault with a key file and a passphrase
        Run init = vault(ScriptedTerminal.typing(PASSPHRASE, PASSPHRASE), withSmallKdf("init",
                "--with-passphrase"));
        assertSucceeded(init);
        assertThat(init.out()).contains("(key file " + keyFile() + " or its passphrase; keep both safe: losing every"
                + " key loses every secret)");
        // when
        ScriptedTerminal keyFileOpens = ScriptedTerminal.typing(PASSPHRASE);
        Run withKeyFile = vault(keyFileOpens, "token", "list");
        ScriptedTerminal noKeyFile = ScriptedTerminal.typing(PASSPHRASE);
        Run withoutKeyFile = run(noKeyFile, Map.of(), "token", "list", "--data-dir", dataDir().toString(),
                "--key-file", root.resolve("elsewhere/none.key").toString());
        // then
        assertSucceeded(withKeyFile);
        assertThat(keyFileOpens.prompts()).as("the key file opens it: nothing asked").isEmpty();
        assertSucceeded(withoutKeyFile);
        assertThat(noKeyFile.prompts()).hasSize(1);
        assertThat(withKeyFile.out()).isEqualTo(withoutKeyFile.out()).contains("admin");
        assertThat(output()).doesNotContain(PASSPHRASE);
    }

    @Test
    void a_passphrase_on_the_command_line_is_refused_with_exit_2_and_never_printed() throws Exception {
        String secret = "s3cret-on-the-command-line";
        List<List<String>> commands = List.of(List.of("init"), List.of("token", "list"), List.of("entry", "list",
                "--org", "acme"), List.of("rekey", "--new-key-file"), List.of("rotate"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--passphrase", secret));
            Run run = vault(ScriptedTerminal.typing(), args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s: %s", command, run.err()).isEqualTo(ExitStatus.USAGE.code());
            assertThat(run.err()).contains("--passphrase is refused", "process list", Passphrases.FILE_FLAG,
                    Passphrases.FILE_VARIABLE);
        }
        try (ServeRun serve = ServeRun.start(root, "--port", "0", "--passphrase=" + secret)) {
            assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
            assertThat(serve.err()).contains("--passphrase is refused");
            everything.append(serve.out()).append(serve.err());
        }
        assertThat(dataDir()).as("nothing created").doesNotExist();
        assertThat(output()).doesNotContain(secret);
    }

    @Test
    void an_ephemeral_server_refuses_the_flags_of_a_vault_on_disk_s_keys() throws Exception {
        Path file = file("passphrase.txt", PASSPHRASE);
        try (ServeRun serve = ServeRun.start(root.resolve("home"), false, Map.of(), "--ephemeral", "--port", "0",
                "--passphrase-file", file.toString(), "--with-passphrase", "--no-key-file")) {
            assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
            assertThat(serve.err()).contains("--ephemeral keeps the vault in memory and writes no file: "
                    + "--passphrase-file, --with-passphrase, --no-key-file make no sense with it");
        }
    }

    static Stream<Arguments> bad_passphrase_files() {
        return Stream.of(
                Arguments.of(new byte[0], "holds an empty passphrase"),
                Arguments.of("\n".getBytes(UTF_8), "holds an empty passphrase"),
                Arguments.of(new byte[] {'p', 'w', (byte) 0xC3, '(', '\n'}, "is not UTF-8 text"),
                Arguments.of(null, "does not exist"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw-----w-"})
    void a_passphrase_file_other_users_may_read_or_change_is_refused_as_the_key_file_is(String mode) throws Exception {
        // given: before, a world-readable passphrase file was accepted silently
        Path file = file("passphrase.txt", "pw-7f3e-sentinel\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        // when
        Run flag = vault(Terminal.none(), withSmallKdf("init", "--no-key-file", "--passphrase-file", file.toString()));
        // then
        assertThat(flag.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(flag.err()).contains(Passphrases.FILE_FLAG + " " + file + " can be read or changed by other users"
                + " (mode " + mode + "), so it is refused: run chmod 600 " + file).doesNotContain("pw-7f3e-sentinel");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource
    void bad_passphrase_files(byte[] content, String message) throws Exception {
        Path file = root.resolve("passphrase.txt");
        if (content != null) {
            Files.write(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }

        Run flag = vault(Terminal.none(), "init", "--passphrase-file", file.toString());
        Run variable = vault(Terminal.none(), Map.of(Passphrases.FILE_VARIABLE, file.toString()), "init");

        assertThat(flag.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(flag.err()).contains(Passphrases.FILE_FLAG + " " + file + " " + message);
        assertThat(variable.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(variable.err()).contains(Passphrases.FILE_VARIABLE + " " + file + " " + message);
        assertThat(dataDir()).as("nothing created").doesNotExist();
        assertThat(keyFile()).doesNotExist();
    }

    @Test
    void a_new_vault_s_passphrase_is_typed_twice_on_a_console_and_nothing_is_created_otherwise() {
        Run noConsole = vault(Terminal.none(), "init", "--with-passphrase");
        Run noKeyNoPassphrase = vault(Terminal.none(), "init", "--no-key-file");
        ScriptedTerminal differ = ScriptedTerminal.typing(PASSPHRASE, PASSPHRASE + "!");
        Run typedDifferently = vault(differ, "init", "--with-passphrase");
        Run empty = vault(ScriptedTerminal.typing(""), "init", "--no-key-file");
        Run inputEnded = vault(ScriptedTerminal.typing(), "init", "--no-key-file");

        assertThat(List.of(noConsole, noKeyNoPassphrase, typedDifferently, empty, inputEnded))
                .allSatisfy(run -> assertThat(run.exitCode()).isEqualTo(ExitStatus.USAGE.code()));
        assertThat(noConsole.err()).contains("there is no console to type the new vault's passphrase on",
                Passphrases.FILE_FLAG);
        assertThat(noKeyNoPassphrase.err()).contains("there is no console");
        assertThat(typedDifferently.err()).contains("the two passphrases typed differ: nothing was changed");
        assertThat(differ.prompts()).hasSize(2);
        assertThat(empty.err()).contains("The new vault's passphrase cannot be empty");
        assertThat(inputEnded.err()).contains("cannot be empty");
        assertThat(dataDir()).as("nothing created").doesNotExist();
        assertThat(keyFile()).doesNotExist();
        assertThat(output()).doesNotContain(PASSPHRASE);
    }

    @Test
    void an_existing_vault_keeps_its_keys_and_says_so_when_init_is_given_with_passphrase() {
        assertSucceeded(vault(Terminal.none(), "init"));
        ScriptedTerminal console = ScriptedTerminal.typing(PASSPHRASE, PASSPHRASE);

        Run again = vault(console, "init", "--with-passphrase");

        assertSucceeded(again);
        assertThat(again.err()).contains("--with-passphrase only shapes a new vault", "rekey --new-passphrase");
        assertThat(again.out()).contains("a vault already exists in " + dataDir() + " (key file " + keyFile()
                + "); nothing changed");
        assertThat(console.prompts()).as("the key file opens it: nothing asked").isEmpty();
    }

    @Test
    void the_kdf_test_options_are_hidden_and_held_to_the_policy_bounds() {
        Run tooLittleMemory = vault(Terminal.none(), "init", "--kdf-memory-kib", "1024");
        Run tooFewIterations = vault(Terminal.none(), "init", "--kdf-iterations", "1");
        Run help = run(Terminal.none(), Map.of(), "init", "--help");
        Run entryHelp = run(Terminal.none(), Map.of(), "entry", "list", "--help");

        assertThat(tooLittleMemory.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(tooLittleMemory.err()).contains("--kdf-memory-kib must be from 19456 to 1048576");
        assertThat(tooFewIterations.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(tooFewIterations.err()).contains("--kdf-iterations must be from 2 to 16");
        assertThat(dataDir()).doesNotExist();
        assertThat(help.out()).contains("--passphrase-file", Passphrases.FILE_VARIABLE, "--with-passphrase",
                "--no-key-file").doesNotContain("--kdf", "--passphrase ", "--passphrase=");
        assertThat(entryHelp.out()).contains("--passphrase-file", Passphrases.FILE_VARIABLE)
                .doesNotContain("--kdf", "--with-passphrase", "--no-key-file");
    }

    @Test
    @Tag("slow")
    void serve_creates_a_passphrase_only_vault_reopens_it_from_the_environment_and_serves_sealed_on_a_wrong_one()
            throws Exception {
        Path right = file("right.txt", PASSPHRASE + "\n");
        Path wrong = file("wrong.txt", "not the passphrase\n");
        try (ServeRun first = ServeRun.start(root, withSmallKdf("--port", "0", "--no-key-file",
                "--passphrase-file", right.toString()))) {
            first.port();
            assertThat(first.out()).contains("(its passphrase alone, no key file; keep it safe");
            assertThat(first.stop()).isZero();
            everything.append(first.out()).append(first.err());
        }
        assertThat(keyFile()).doesNotExist();

        try (ServeRun again = ServeRun.start(root.resolve("home"), false, Map.of(Passphrases.FILE_VARIABLE,
                right.toString(), StoreOptions.DATA_DIR_VARIABLE, dataDir().toString(),
                StoreOptions.KEY_FILE_VARIABLE, keyFile().toString()), "--port", "0")) {
            HttpResponse<String> health = new Http(again.port()).get("/health", null);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(again.stop()).isZero();
            everything.append(again.out()).append(again.err());
        }

        try (ServeRun sealed = ServeRun.start(root, "--port", "0", "--passphrase-file", wrong.toString())) {
            HttpResponse<String> health = new Http(sealed.port()).get("/health", null);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("STORE_WRONG_KEY");
            assertThat(sealed.err()).contains("did not open (STORE_WRONG_KEY)");
            assertThat(sealed.stop()).isZero();
            everything.append(sealed.out()).append(sealed.err());
        }
        assertThat(output()).doesNotContain(PASSPHRASE, "not the passphrase");
    }
}
