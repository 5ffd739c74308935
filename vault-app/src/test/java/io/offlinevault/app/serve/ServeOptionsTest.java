package io.offlinevault.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where {@code serve} takes its settings from: flags, then environment variables, then defaults under ~. */
class ServeOptionsTest {
    @TempDir
    Path root;

    private Path home() {
        return root.resolve("home");
    }

    @Test
    void help_lists_every_option_with_its_environment_variable_and_default() {
        StringWriter out = new StringWriter();
        Surroundings surroundings = new Surroundings(Map.of(), home(), Terminal.none(), stop -> { });

        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "serve", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: offline-vault serve",
                "--data-dir=DIR", "Env: OFFLINE_VAULT_DATA", "Default: ~/.offline-vault/data",
                "--key-file=FILE", "Env: OFFLINE_VAULT_KEY_FILE", "Default: ~/.offline-vault/keys/vault.key",
                "--admin-token-file=FILE", "Env: OFFLINE_VAULT_ADMIN_TOKEN_FILE", "Default: <data-dir>/admin.token",
                "--port=PORT", "Env: OFFLINE_VAULT_PORT", "Default: 8787",
                "--host=HOST", "Default: 127.0.0.1",
                "--allow-remote", "clear text",
                "Exit codes:", ExitStatus.STORE_LOCKED.meaning());
    }

    @Test
    void the_top_level_help_lists_serve() {
        StringWriter out = new StringWriter();

        Main.execute(Surroundings.system(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "--help");

        assertThat(out.toString()).containsPattern("(?m)^\\s+serve\\s+Serves the Coveo-compatible Vault API");
    }

    @Test
    void without_flags_or_environment_the_vault_goes_under_the_home_directory() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), false, Map.of(), "--port", "0")) {
            assertThat(serve.stop()).isZero();

            Path data = home().resolve(".offline-vault/data");
            assertThat(serve.out()).contains("created a new vault in " + data + " (key file "
                    + home().resolve(".offline-vault/keys/vault.key") + ";", "admin token written to "
                    + data.resolve("admin.token"));
            assertThat(data.resolve("checkpoint")).exists();
        }
    }

    @Test
    void environment_variables_supply_the_settings() throws Exception {
        // given
        Path data = root.resolve("env-data");
        Path key = root.resolve("env-keys/k.key");
        Path token = Files.createDirectories(root.resolve("env-token")).resolve("admin.txt");
        Map<String, String> environment = Map.of("OFFLINE_VAULT_DATA", data.toString(),
                "OFFLINE_VAULT_KEY_FILE", key.toString(), "OFFLINE_VAULT_ADMIN_TOKEN_FILE", token.toString(),
                "OFFLINE_VAULT_PORT", "0");
        // when
        try (ServeRun serve = ServeRun.start(home(), false, environment)) {
            assertThat(serve.port()).isPositive();
            assertThat(serve.stop()).isZero();
            // then
            assertThat(serve.out()).contains("created a new vault in " + data + " (key file " + key + ";",
                    "admin token written to " + token);
        }
        assertThat(key).exists();
        assertThat(token).exists();
        assertThat(data.resolve("admin.token")).doesNotExist();
        assertThat(home()).doesNotExist();
    }

    @Test
    void flags_win_over_environment_variables_and_tilde_means_the_home_directory() throws Exception {
        // given
        Map<String, String> environment = Map.of("OFFLINE_VAULT_DATA", root.resolve("env-data").toString(),
                "OFFLINE_VAULT_KEY_FILE", root.resolve("env.key").toString(), "OFFLINE_VAULT_PORT", "not-used");
        // when
        try (ServeRun serve = ServeRun.start(home(), false, environment, "--data-dir", "~/flag-data",
                "--key-file", "~/flag.key", "--port", "0")) {
            assertThat(serve.stop()).isZero();
            // then
            assertThat(serve.out()).contains("created a new vault in " + home().resolve("flag-data") + " (key file "
                    + home().resolve("flag.key") + ";");
        }
        assertThat(root.resolve("env-data")).doesNotExist();
        assertThat(root.resolve("env.key")).doesNotExist();
    }

    @Test
    void an_admin_token_file_in_a_missing_directory_gets_its_directory_owner_only() throws Exception {
        Path token = root.resolve("tokens/admin.txt");

        try (ServeRun serve = ServeRun.start(root, "--admin-token-file", token.toString(), "--port", "0")) {
            assertThat(serve.stop()).isZero();
            assertThat(serve.out()).contains("admin token written to " + token);
        }
        assertThat(token).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(token.getParent())))
                .isEqualTo("rwx------");
    }

    @ParameterizedTest
    @ValueSource(strings = {"70000", "-1", "abc", ""})
    void a_bad_port_flag_exits_2_and_creates_nothing(String port) throws Exception {
        ServeRun serve = ServeRun.start(root, "--port", port);

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--port must be a port number from 0 to 65535");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void a_bad_port_variable_exits_2_naming_the_variable() throws Exception {
        ServeRun serve = ServeRun.start(home(), false, Map.of("OFFLINE_VAULT_PORT", "8o87"),
                "--data-dir", root.resolve("data").toString(), "--key-file", root.resolve("k.key").toString());

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("OFFLINE_VAULT_PORT must be a port number from 0 to 65535", "'8o87'");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void a_blank_data_dir_exits_2_naming_the_flag() throws Exception {
        ServeRun serve = ServeRun.start(home(), false, Map.of(), "--data-dir", " ", "--port", "0");

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--data-dir is not a usable path");
    }

    @Test
    void a_host_that_does_not_resolve_exits_2() throws Exception {
        ServeRun serve = ServeRun.start(root, "--host", "no-such-host.invalid", "--port", "0");

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--host no-such-host.invalid does not resolve");
    }
}
