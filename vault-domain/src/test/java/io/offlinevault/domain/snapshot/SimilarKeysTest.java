package io.offlinevault.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.entry.EntryKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SimilarKeysTest {
    private static final String DOCS_TYPED = "mysource_iyn07x-configuration.parameters.ClientSecret.value";
    private static final String DOCS_EXISTING = "mysource_iynO7X-configuration.parameters.ClientSecret.value";

    @Test
    void fold_lower_cases_then_maps_the_look_alike_characters() {
        assertThat(SimilarKeys.fold("I0l5B8iO")).isEqualTo("lolsbblo");
        assertThat(SimilarKeys.fold("ABC-xyz_9")).isEqualTo("abc-xyz_9");
        assertThat(SimilarKeys.fold(DOCS_TYPED)).isEqualTo(SimilarKeys.fold(DOCS_EXISTING));
    }

    @Test
    void finds_the_key_of_coveos_docs_example() {
        SimilarKeys similar = SimilarKeys.find(List.of(key(DOCS_TYPED)),
                keys("other", DOCS_EXISTING, "mysource_iyn07y-configuration.parameters.ClientSecret.value"));

        assertThat(similar.of(key(DOCS_TYPED))).containsExactly(DOCS_EXISTING);
    }

    @Test
    void gives_the_first_ten_in_string_order() {
        // given 15 keys that all fold to "aobl"
        List<String> existing = new ArrayList<>();
        for (String o : List.of("o", "O", "0")) {
            for (String l : List.of("l", "L", "1", "i", "I")) {
                existing.add("a" + o + "b" + l);
            }
        }
        existing.add("unrelated");
        List<String> sorted = existing.stream().filter(k -> !k.equals("unrelated")).sorted().toList();
        Collections.reverse(existing);
        // when
        SimilarKeys similar = SimilarKeys.find(List.of(key("AOBL")), keys(existing));
        // then
        assertThat(similar.of(key("AOBL"))).hasSize(SimilarKeys.LIMIT).containsExactlyElementsOf(sorted.subList(0, 10));
    }

    @Test
    void never_names_the_missing_key_itself_and_gives_an_empty_list_when_nothing_looks_alike() {
        SimilarKeys similar = SimilarKeys.find(List.of(key("ab1"), key("zzz")), keys("ab1", "AB1", "abl"));

        assertThat(similar.of(key("ab1"))).containsExactly("AB1", "abl");
        assertThat(similar.of(key("zzz"))).isEmpty();
    }

    @Test
    void reads_the_existing_keys_once_for_every_missing_key_and_not_at_all_when_none_is_missing() {
        AtomicInteger passes = new AtomicInteger();
        Iterable<EntryKey> existing = () -> {
            passes.incrementAndGet();
            return keys("a0", "A0", "b1").iterator();
        };

        SimilarKeys similar = SimilarKeys.find(List.of(key("ao"), key("bl"), key("BI")), existing);
        SimilarKeys none = SimilarKeys.find(Set.of(), existing);

        assertThat(passes).hasValue(1);
        assertThat(similar.of(key("ao"))).containsExactly("A0", "a0");
        assertThat(similar.of(key("bl"))).containsExactly("b1");
        assertThat(similar.of(key("BI"))).containsExactly("b1");
        assertThat(none.of(key("ao"))).isEmpty();
    }

    private static EntryKey key(String value) {
        return EntryKey.of(value);
    }

    private static List<EntryKey> keys(String... values) {
        return Stream.of(values).map(EntryKey::of).toList();
    }

    private static List<EntryKey> keys(List<String> values) {
        return values.stream().map(EntryKey::of).toList();
    }
}
