package io.offlinevault.app.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.http.codec.WireJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API.md 6 on the command line: a placeholder key that can never be an entry key (a no-break space, an unpaired
 * surrogate) is MISSING for {@code snapshot check}, left out by {@code snapshot template} (exit 3, named), in error
 * for {@code snapshot apply} and never copied by {@code fetch}.
 */
class ImpossibleKeyCommandTest {
    private static final String NO_BREAK = "no\u00a0break";
    // what a terminal shows for "lone" + U+D800 alone: no encoding carries an unpaired surrogate
    private static final String LONE_SHOWN = "lone\\uD800";

    @TempDir
    Path root;

    private OfflineRun vault;
    private Path snapshot;

    @BeforeEach
    void createVaultWithGoodAndSnapshotFile() throws Exception {
        vault = new OfflineRun(root, false);
        vault.createVault();
        vault.createEntries("acme", List.of(Map.of("key", "good", "value", "s3cr3t-Value")));
        snapshot = root.resolve("snapshot.json");
        Files.writeString(snapshot, "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"src\", \"model\": {"
                + "\"a\": \"{{ VAULT.good }}\", \"b\": \"{{ VAULT.no\\u00a0break }}\", \"c\": \"{{ VAULT.lone\\ud800 }}\","
                + " \"d\": \"{{ VAULT.needed }}\"}}]}}", UTF_8);
    }

    @Test
    void check_shows_impossible_keys_as_missing_with_the_rule_they_break_and_exits_3() {
        // when
        OfflineRun.Run check = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        OfflineRun.Run json = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme", "--json");

        // then
        assertThat(check.exitCode()).as("stderr: %s", check.err()).isEqualTo(ExitStatus.MISSING_ENTRIES.code());
        assertThat(check.out()).containsPattern("(?m)^MISSING +" + NO_BREAK + " +SOURCE/src +b$")
                .containsPattern("(?m)^MISSING +lone\\\\uD800 +SOURCE/src +c$")
                .contains("{{ VAULT." + NO_BREAK + " }} can never be a vault entry key (key.invalid_character: ",
                        "{{ VAULT." + LONE_SHOWN + " }} can never be a vault entry key (key.unpaired_surrogate: ",
                        "3 of 4 referenced keys are missing in acme");
        assertThat(json.exitCode()).isEqualTo(ExitStatus.MISSING_ENTRIES.code());
        Map<?, ?> document = (Map<?, ?>) WireJson.read(json.out().getBytes(UTF_8), 1 << 20, "the output");
        List<Object> violations = ((List<?>) document.get("references")).stream()
                .map(r -> (Object) ((Map<?, ?>) r).get("keyViolation")).toList();
        assertThat(violations).containsExactly(null, "key.invalid_character", "key.unpaired_surrogate", null);
        assertThat(document.get("missing")).isEqualTo(List.of("lone\ud800", "needed", NO_BREAK));
    }

    @Test
    void template_leaves_impossible_keys_out_names_them_and_exits_3_with_the_other_skeletons() {
        // when
        OfflineRun.Run template = vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme");

        // then
        assertThat(template.exitCode()).isEqualTo(ExitStatus.MISSING_ENTRIES.code());
        List<?> skeletons = (List<?>) WireJson.read(template.out().getBytes(UTF_8), 1 << 20, "the output");
        assertThat(skeletons.stream().map(skeleton -> (Object) ((Map<?, ?>) skeleton).get("key")).toList())
                .containsExactly("needed");
        assertThat(template.err())
                .contains("left out: {{ VAULT." + NO_BREAK + " }} can never be a vault entry key (key.invalid_character",
                        "left out: {{ VAULT." + LONE_SHOWN + " }} can never be a vault entry key (key.unpaired_surrogate",
                        "change the placeholder in the snapshot");
    }

    @Test
    void apply_reports_the_key_violation_applies_nothing_and_the_stored_report_reads_back() {
        // given
        vault.createEntries("acme", List.of(Map.of("key", "needed", "value", "v")));
        OfflineRun.Run registered = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme");
        String id = registered.out().strip();

        // when: applied twice, so that the second run reads the first report back from the store
        OfflineRun.Run first = vault.vault("snapshot", "apply", "--snapshot", id, "--org", "acme");
        OfflineRun.Run second = vault.vault("snapshot", "apply", "--snapshot", id, "--org", "acme");

        // then
        assertThat(first.exitCode()).as("stderr: %s", first.err()).isEqualTo(ExitStatus.MISSING_ENTRIES.code());
        assertThat(first.out()).contains("RESOURCES_IN_ERROR", "Nothing was applied",
                "INVALID_PLACEHOLDER SOURCE/src: missing key " + NO_BREAK + " at b (keyViolation key.invalid_character",
                "INVALID_PLACEHOLDER SOURCE/src: missing key " + LONE_SHOWN + " at c (keyViolation key.unpaired_surrogate")
                .doesNotContain("missing key good", "missing key needed");
        assertThat(second.exitCode()).as("stderr: %s", second.err()).isEqualTo(ExitStatus.MISSING_ENTRIES.code());
        assertThat(vault.output()).doesNotContain("s3cr3t-Value");
    }

    @Test
    void fetch_lists_impossible_keys_as_not_in_the_origin_and_all_or_nothing_names_them() {
        // given
        vault.createEntries("staging", List.of(Map.of("key", "good", "value", "g"), Map.of("key", "needed",
                "value", "n")));
        String id = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme").out().strip();

        // when
        OfflineRun.Run dryRun = vault.vault("fetch", "--from", "staging", "--to", "acme", "--snapshot", id,
                "--strategy", "ONLY_MISSING", "--dry-run");
        OfflineRun.Run conflict = vault.vault("fetch", "--from", "staging", "--to", "acme", "--snapshot", id);

        // then
        assertThat(dryRun.exitCode()).as("stderr: %s", dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("would copy (1): needed", "skipped, already in acme (1): good",
                "skipped, not in staging (2): " + LONE_SHOWN + ", " + NO_BREAK,
                "{{ VAULT." + NO_BREAK + " }} can never be a vault entry key (key.invalid_character");
        assertThat(conflict.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
        assertThat(conflict.err()).contains("missing from both organizations: " + LONE_SHOWN + ", " + NO_BREAK,
                "{{ VAULT." + LONE_SHOWN + " }} can never be a vault entry key (key.unpaired_surrogate");
    }
}
