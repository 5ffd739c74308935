package io.offlinevault.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offlinevault.store.file.StoreLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The store options of every {@link VaultUse} are the same options, read the same way: a use changes their help
 * lines, and whether {@code --admin-token-file} is one of them, nothing else.
 */
class StoreOptionsTest {
    private static final List<String> SHOWN = List.of("--data-dir", "--key-file", "--admin-token-file",
            "--passphrase-file");

    @TempDir
    Path root;

    /** A command with nothing but the store options of one use. */
    @Command(name = "probe")
    private static final class Probe {
        @Mixin
        private final StoreOptions options;

        Probe(VaultUse use) {
            options = StoreOptions.of(use);
        }
    }

    @Test
    void every_use_has_the_same_options_and_only_the_admin_token_file_follows_the_use() {
        List<String> everyOption = shape(VaultUse.OPENS_OR_REACHES_ITS_SERVER);
        assertThat(everyOption).containsExactly(
                "--passphrase VALUE 0..1 String hidden",
                "--kdf-memory-kib KIB 1 Integer hidden",
                "--kdf-iterations N 1 Integer hidden",
                "--data-dir DIR 1 String shown",
                "--key-file FILE 1 String shown",
                "--admin-token-file FILE 1 String shown",
                "--passphrase-file FILE 1 String shown");
        for (VaultUse use : VaultUse.values()) {
            // written by a command that creates the vault, read to go through the server that holds it
            boolean adminTokenFile = use.creates() || use.reachesServer();
            List<String> expected = everyOption.stream()
                    .filter(option -> adminTokenFile || !option.startsWith("--admin-token-file "))
                    .toList();
            assertThat(shape(use)).as(use.name()).isEqualTo(expected);
        }
    }

    @Test
    void every_shown_option_ends_its_help_with_its_environment_variable_and_default() {
        Map<String, List<String>> endings = Map.of(
                "--data-dir", List.of("Env: OFFLINE_VAULT_DATA", "Default: ~/.offline-vault/data"),
                "--key-file", List.of("Env: OFFLINE_VAULT_KEY_FILE", "Default: ~/.offline-vault/keys/vault.key"),
                "--admin-token-file", List.of("Env: OFFLINE_VAULT_ADMIN_TOKEN_FILE", "Default: <data-dir>/admin.token"),
                "--passphrase-file", List.of("Env: OFFLINE_VAULT_PASSPHRASE_FILE"));
        for (VaultUse use : VaultUse.values()) {
            for (OptionSpec option : spec(use).options()) {
                if (option.hidden()) {
                    continue;
                }
                List<String> help = Arrays.asList(option.description());
                List<String> ending = endings.get(option.longestName());
                assertThat(help).as(use + " " + option.longestName()).endsWith(ending.toArray(String[]::new));
                assertThat(help.subList(0, help.size() - ending.size())).as(use + " " + option.longestName())
                        .isNotEmpty().allSatisfy(line -> assertThat(line).isNotBlank().endsWith("."));
            }
        }
    }

    @Test
    void only_the_uses_that_create_a_vault_say_so_in_the_help() {
        for (VaultUse use : VaultUse.values()) {
            String help = String.join(" ", spec(use).findOption("--data-dir").description());
            assertThat(help.contains("created with a new vault")).as(use.name()).isEqualTo(use.creates());
        }
    }

    @Test
    void every_use_reads_back_each_option_it_shows() {
        for (VaultUse use : VaultUse.values()) {
            // given
            Probe probe = new Probe(use);
            CommandLine line = new CommandLine(probe);
            List<String> shown = SHOWN.stream().filter(name -> line.getCommandSpec().findOption(name) != null)
                    .toList();
            List<String> args = new ArrayList<>();
            for (String name : shown) {
                args.add(name);
                args.add(root.resolve(name.substring(2)).toString());
            }
            args.addAll(List.of("--kdf-iterations", "3"));

            // when
            line.parseArgs(args.toArray(String[]::new));

            // then
            assertThat(probe.options.givenFlags()).as(use.name()).containsExactlyElementsOf(
                    concat(shown, List.of("--kdf-iterations")));
            StoreLocation location = probe.options.location(surroundings());
            assertThat(location.dataDir()).isEqualTo(root.resolve("data-dir"));
            assertThat(location.keyFile()).isEqualTo(root.resolve("key-file"));
            assertThat(location.adminTokenFile()).isEqualTo(shown.contains("--admin-token-file")
                    ? root.resolve("admin-token-file") : root.resolve("data-dir").resolve("admin.token"));
            assertThat(probe.options.kdfParams().iterations()).isEqualTo(3);
        }
    }

    @Test
    void a_use_without_the_admin_token_file_refuses_it_as_an_unknown_option() {
        for (VaultUse use : List.of(VaultUse.OPENS, VaultUse.RESTORES)) {
            CommandLine line = new CommandLine(new Probe(use));

            assertThatThrownBy(() -> line.parseArgs("--admin-token-file", "token"))
                    .as(use.name())
                    .isInstanceOf(CommandLine.UnmatchedArgumentException.class)
                    .hasMessageContaining("Unknown options: '--admin-token-file', 'token'");
        }
    }

    @Test
    void two_commands_of_the_same_use_keep_their_own_values() {
        // given
        Probe first = new Probe(VaultUse.CREATES);
        Probe second = new Probe(VaultUse.CREATES);

        // when
        new CommandLine(first).parseArgs("--data-dir", root.resolve("first").toString(), "--admin-token-file",
                root.resolve("token").toString());
        new CommandLine(second).parseArgs("--data-dir", root.resolve("second").toString());

        // then
        assertThat(first.options.givenFlags()).containsExactly("--data-dir", "--admin-token-file");
        assertThat(first.options.location(surroundings()).dataDir()).isEqualTo(root.resolve("first"));
        assertThat(second.options.givenFlags()).containsExactly("--data-dir");
        assertThat(second.options.location(surroundings()).dataDir()).isEqualTo(root.resolve("second"));
    }

    private static List<String> shape(VaultUse use) {
        return spec(use).options().stream()
                .map(option -> String.join(" ", option.longestName(), option.paramLabel(),
                        option.arity().toString(), option.type().getSimpleName(),
                        option.hidden() ? "hidden" : "shown"))
                .toList();
    }

    private static CommandLine.Model.CommandSpec spec(VaultUse use) {
        return new CommandLine(new Probe(use)).getCommandSpec();
    }

    private Surroundings surroundings() {
        return new Surroundings(Map.of(), root.resolve("home"), Terminal.none(), stop -> { });
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
