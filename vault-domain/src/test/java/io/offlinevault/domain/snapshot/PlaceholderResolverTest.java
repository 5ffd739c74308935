package io.offlinevault.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.snapshot.PlaceholderResolver.Resolution;
import io.offlinevault.domain.testing.TestJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlaceholderResolverTest {
    private final Map<String, String> vault = new HashMap<>();
    private final List<String> lookedUp = new ArrayList<>();
    private final Function<EntryKey, Optional<SecretValue>> lookup = key -> {
        lookedUp.add(key.value());
        return Optional.ofNullable(vault.get(key.value())).map(SecretValue::of);
    };

    @Test
    void resolve_replaces_a_whole_placeholder() {
        vault.put("pw", "s3cr3t");

        Resolution resolution = PlaceholderResolver.resolve("{{ VAULT.pw }}", lookup);

        assertThat(resolution.isComplete()).isTrue();
        assertThat(resolution.unknownKeys()).isEmpty();
        assertThat(resolution.value()).isEqualTo("s3cr3t");
    }

    @Test
    void resolve_replaces_embedded_placeholders_and_keeps_the_text_around_them() {
        vault.put("tok", "T0K");
        vault.put("other", "0TH3R");

        Resolution resolution = PlaceholderResolver.resolve("Bearer {{ VAULT.tok }} and {{VAULT.other}}!", lookup);

        assertThat(resolution.value()).isEqualTo("Bearer T0K and 0TH3R!");
    }

    @Test
    void resolve_walks_maps_and_lists_and_leaves_keys_and_other_scalars_alone() {
        // given
        vault.put("a", "A");
        vault.put("b", "B");
        Object tree = TestJson.parse("""
                {"{{ VAULT.a }}": "{{ VAULT.a }}", "n": 1, "f": 2.5, "t": true, "z": null,
                 "list": ["{{\\tVAULT.b}}", 3, {"deep": "x{{ VAULT.a }}y"}], "plain": "no placeholder"}
                """);

        // when
        Object resolved = PlaceholderResolver.resolve(tree, lookup).value();

        // then
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("{{ VAULT.a }}", "A");
        expected.put("n", 1L);
        expected.put("f", new BigDecimal("2.5"));
        expected.put("t", true);
        expected.put("z", null);
        expected.put("list", List.of("B", 3L, Map.of("deep", "xAy")));
        expected.put("plain", "no placeholder");
        assertThat(resolved).isEqualTo(expected);
        assertThat(new ArrayList<Object>(((Map<?, ?>) resolved).keySet())).containsExactlyElementsOf(expected.keySet());
    }

    @Test
    void resolve_returns_non_string_scalars_unchanged() {
        assertThat(PlaceholderResolver.resolve(42L, lookup).value()).isEqualTo(42L);
        assertThat(PlaceholderResolver.resolve(true, lookup).value()).isEqualTo(true);
        assertThat(PlaceholderResolver.resolve(null, lookup).value()).isNull();
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void resolve_makes_one_pass_so_a_value_that_looks_like_a_placeholder_stays_literal() {
        // given
        vault.put("outer", "{{ VAULT.inner }}");
        vault.put("inner", "never-used");
        vault.put("half", "{{ VAULT.");

        // when
        Resolution resolution = PlaceholderResolver.resolve(
                List.of("{{ VAULT.outer }}", "{{ VAULT.half }}inner }}"), lookup);

        // then
        assertThat(resolution.value()).isEqualTo(List.of("{{ VAULT.inner }}", "{{ VAULT.inner }}"));
        assertThat(lookedUp).containsExactly("outer", "half");
    }

    @Test
    void resolve_looks_each_distinct_key_up_once() {
        vault.put("k", "v");

        PlaceholderResolver.resolve(List.of("{{ VAULT.k }}", Map.of("x", "{{VAULT.k}} {{ VAULT.k }}")), lookup);

        assertThat(lookedUp).containsExactly("k");
    }

    @Test
    void resolve_reports_unknown_keys_and_resolves_nothing() {
        // given
        vault.put("known", "KN0WN-SECRET");
        Object tree = TestJson.parse("{\"a\": \"{{ VAULT.known }}\", \"b\": [\"{{ VAULT.zeta }} {{ VAULT.alpha }}\"],"
                + " \"c\": \"{{ VAULT.zeta }}\"}");

        // when
        Resolution resolution = PlaceholderResolver.resolve(tree, lookup);

        // then
        assertThat(resolution.isComplete()).isFalse();
        assertThat(resolution.unknownKeys()).extracting(ReferencedKey::value).containsExactly("alpha", "zeta");
        assertThatIllegalStateException().isThrownBy(resolution::value)
                .withMessageNotContaining("KN0WN-SECRET")
                .withMessageContaining("unknown");
        assertThat(resolution.toString()).doesNotContain("KN0WN-SECRET");
        assertThat(tree.toString()).doesNotContain("KN0WN-SECRET");
    }

    @Test
    void resolution_to_string_never_shows_the_value() {
        vault.put("k", "T0P-SECRET");

        Resolution resolution = PlaceholderResolver.resolve(Map.of("a", "{{ VAULT.k }}"), lookup);

        assertThat(resolution.toString()).doesNotContain("T0P-SECRET").contains("****");
    }

    @Test
    void resolve_returns_an_unmodifiable_tree() {
        vault.put("k", "v");

        Object resolved = PlaceholderResolver.resolve(TestJson.parse("{\"a\": [\"{{ VAULT.k }}\"]}"), lookup).value();

        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> ((Map<?, ?>) resolved).clear());
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> ((List<?>) ((Map<?, ?>) resolved).get("a")).clear());
    }

    @Test
    void resolve_leaves_malformed_and_non_vault_placeholders_as_they_are() {
        vault.put("a", "A");

        Object resolved = PlaceholderResolver.resolve(
                "{{ vault.a }} {{ FIELD.a }} {{VAULT.a} {{ VAULT.a }}", lookup).value();

        assertThat(resolved).isEqualTo("{{ vault.a }} {{ FIELD.a }} {{VAULT.a} A");
    }

    @Test
    void a_key_that_can_never_be_an_entry_key_is_unknown_without_asking_the_lookup() {
        // given
        vault.put("a", "A");
        List<EntryKey> asked = new ArrayList<>();

        // when
        Resolution resolution = PlaceholderResolver.resolve("{{ VAULT.fetch }} {{ VAULT.a\u00a0b }} {{ VAULT.a }}",
                key -> {
                    asked.add(key);
                    return lookup.apply(key);
                });

        // then
        assertThat(resolution.isComplete()).isFalse();
        assertThat(resolution.unknownKeys()).extracting(ReferencedKey::value).containsExactly("a\u00a0b", "fetch");
        assertThat(asked).extracting(EntryKey::value).containsExactly("a");
    }
}
