package io.offlinevault.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SortedChunksTest {
    private static final int MAX = SortedChunks.MAX_CHUNK;

    @Test
    void empty_map_holds_nothing() {
        SortedChunks<Integer, String> map = SortedChunks.empty();

        assertThat(map.size()).isZero();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get(1)).isEmpty();
        assertThat(map.slice(0, 10)).isEmpty();
        assertThat(map.values()).isEmpty();
        assertThat(map.remove(1)).isSameAs(map);
        assertThat(map.chunkCount()).isZero();
    }

    @Test
    void put_and_remove_leave_the_original_unchanged() {
        // given
        SortedChunks<Integer, String> one = SortedChunks.<Integer, String>empty().put(1, "one");

        // when
        SortedChunks<Integer, String> two = one.put(2, "two");
        SortedChunks<Integer, String> replaced = two.put(1, "uno");
        SortedChunks<Integer, String> removed = replaced.remove(2);

        // then
        assertThat(one.values()).containsExactly("one");
        assertThat(two.values()).containsExactly("one", "two");
        assertThat(replaced.values()).containsExactly("uno", "two");
        assertThat(removed.values()).containsExactly("uno");
        assertThat(removed.get(2)).isEmpty();
        assertThat(removed.containsKey(1)).isTrue();
    }

    @Test
    void remove_of_an_absent_key_returns_the_same_map() {
        SortedChunks<Integer, String> map = build(1000);

        assertThat(map.remove(-5)).isSameAs(map);
        assertThat(map.remove(5000)).isSameAs(map);
    }

    @Test
    void slice_rejects_negative_offset_or_limit() {
        SortedChunks<Integer, String> map = build(10);

        assertThatIllegalArgumentException().isThrownBy(() -> map.slice(-1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> map.slice(0, -1));
    }

    @Test
    void slice_pages_through_every_chunk() {
        // given
        int size = 5 * MAX + 17;
        SortedChunks<Integer, String> map = build(size);
        List<String> all = map.values().toList();

        // then
        assertThat(map.chunkCount()).isGreaterThan(5);
        for (int offset = 0; offset < size; offset++) {
            assertThat(map.slice(offset, 1)).containsExactly(all.get(offset));
        }
        for (int pageSize : new int[] {1, 7, MAX - 1, MAX, MAX + 1, 1000}) {
            List<String> paged = new ArrayList<>();
            for (long offset = 0; offset < size; offset += pageSize) {
                paged.addAll(map.slice(offset, pageSize));
            }
            assertThat(paged).isEqualTo(all);
        }
        assertThat(map.slice(size, 1)).isEmpty();
        assertThat(map.slice(Long.MAX_VALUE, Integer.MAX_VALUE)).isEmpty();
        assertThat(map.slice(size - 1, Integer.MAX_VALUE)).containsExactly(all.get(size - 1));
    }

    @Test
    void behaves_like_a_tree_map_under_random_changes() {
        // given
        Random random = new Random(20_261_126L);
        TreeMap<Integer, String> expected = new TreeMap<>();
        SortedChunks<Integer, String> actual = SortedChunks.empty();
        List<SortedChunks<Integer, String>> oldVersions = new ArrayList<>();
        List<Map<Integer, String>> oldContents = new ArrayList<>();

        for (int step = 0; step < 12_000; step++) {
            // when: the key space grows and shrinks, so chunks split, empty, merge and refill
            int keySpace = step < 6_000 ? 4_000 : 1_500;
            int key = random.nextInt(keySpace) - 100;
            int operation = random.nextInt(100);
            if (operation < (step < 6_000 ? 60 : 25)) {
                String value = "v" + step;
                expected.put(key, value);
                actual = actual.put(key, value);
            } else if (operation < 90) {
                expected.remove(key);
                actual = actual.remove(key);
            } else {
                SortedChunksEditor<Integer, String> editor = actual.edit();
                for (int i = 0; i < 40; i++) {
                    int batchKey = random.nextInt(keySpace) - 100;
                    if (random.nextBoolean()) {
                        expected.put(batchKey, "b" + step + "-" + i);
                        editor.put(batchKey, "b" + step + "-" + i);
                    } else {
                        expected.remove(batchKey);
                        editor.remove(batchKey);
                    }
                }
                actual = editor.build();
            }

            // then
            assertThat(actual.size()).isEqualTo(expected.size());
            assertThat(actual.get(key)).isEqualTo(Optional.ofNullable(expected.get(key)));
            List<String> values = new ArrayList<>(expected.values());
            int offset = random.nextInt(values.size() + 3);
            int limit = random.nextInt(2 * MAX + 2);
            assertThat(actual.slice(offset, limit))
                    .isEqualTo(values.subList(Math.min(offset, values.size()), Math.min(offset + limit, values.size())));
            if (step % 97 == 0) {
                assertThat(actual.values().toList()).isEqualTo(values);
                assertChunksAreWellFormed(actual);
                oldVersions.add(actual);
                oldContents.add(new TreeMap<>(expected));
            }
        }
        for (int i = 0; i < oldVersions.size(); i++) {
            assertThat(toMap(oldVersions.get(i))).isEqualTo(oldContents.get(i));
        }
    }

    @Test
    void ascending_and_descending_inserts_keep_chunks_within_bounds() {
        SortedChunks<Integer, String> ascending = SortedChunks.empty();
        SortedChunks<Integer, String> descending = SortedChunks.empty();
        for (int i = 0; i < 3000; i++) {
            ascending = ascending.put(i, "a" + i);
            descending = descending.put(-i, "d" + i);
        }

        assertChunksAreWellFormed(ascending);
        assertChunksAreWellFormed(descending);
        assertThat(ascending.chunkCount()).isLessThanOrEqualTo(3000 / (MAX / 2) + 1);
        assertThat(descending.chunkCount()).isLessThanOrEqualTo(3000 / (MAX / 2) + 1);
    }

    @Test
    void deletes_merge_small_chunks() {
        // given
        SortedChunks<Integer, String> map = build(20 * MAX);
        int chunksBefore = map.chunkCount();

        // when: delete 7 of every 8 keys
        SortedChunksEditor<Integer, String> editor = map.edit();
        for (int i = 0; i < 20 * MAX; i++) {
            if (i % 8 != 0) {
                editor.remove(i);
            }
        }
        SortedChunks<Integer, String> thinned = editor.build();

        // then
        assertChunksAreWellFormed(thinned);
        assertThat(thinned.size()).isEqualTo(20 * MAX / 8);
        assertThat(thinned.chunkCount()).isLessThan(chunksBefore / 2);
    }

    @Test
    void a_put_into_a_large_map_copies_one_chunk_and_shares_the_others() {
        // given
        SortedChunks<Integer, String> large = build(100_000);
        List<Object> before = large.chunkIdentities();

        // when
        SortedChunks<Integer, String> replaced = large.put(50_000, "changed");
        SortedChunks<Integer, String> inserted = large.put(-1, "new first");
        SortedChunks<Integer, String> removed = large.remove(77_777);

        // then
        assertThat(unshared(before, replaced.chunkIdentities())).isEqualTo(1);
        assertThat(unshared(before, inserted.chunkIdentities())).isBetween(1, 2);
        assertThat(unshared(before, removed.chunkIdentities())).isBetween(1, 2);
        assertThat(replaced.chunkCount()).isEqualTo(large.chunkCount());
        assertThat(large.get(50_000)).contains("v50000");
        assertThat(large.get(-1)).isEmpty();
        assertThat(large.get(77_777)).contains("v77777");
        assertThat(replaced.get(50_000)).contains("changed");
    }

    @Test
    void an_edit_copies_each_touched_chunk_once_and_shares_the_rest() {
        // given
        SortedChunks<Integer, String> large = build(100_000);
        List<Object> before = large.chunkIdentities();

        // when: many changes inside one chunk's range
        SortedChunksEditor<Integer, String> editor = large.edit();
        for (int i = 0; i < 50; i++) {
            editor.put(30_000 + i, "changed" + i);
        }
        SortedChunks<Integer, String> edited = editor.build();

        // then
        assertThat(unshared(before, edited.chunkIdentities())).isBetween(1, 2);
        assertThat(edited.slice(30_000, 2)).containsExactly("changed0", "changed1");
    }

    @Test
    void an_editor_that_changed_nothing_builds_the_same_map() {
        SortedChunks<Integer, String> map = build(300);

        assertThat(map.edit().remove(12_345).build()).isSameAs(map);
    }

    @Test
    void an_editor_cannot_be_used_after_it_built() {
        SortedChunksEditor<Integer, String> editor = build(3).edit();
        editor.build();

        assertThatIllegalStateException().isThrownBy(() -> editor.put(1, "x"));
        assertThatIllegalStateException().isThrownBy(editor::build);
    }

    @Test
    void for_each_visits_every_entry_in_key_order() {
        SortedChunks<Integer, String> map = build(700);
        List<Integer> keys = new ArrayList<>();

        map.forEach((key, value) -> {
            assertThat(value).isEqualTo("v" + key);
            keys.add(key);
        });

        assertThat(keys).hasSize(700).isSorted();
    }

    @Test
    void to_string_shows_no_value() {
        assertThat(build(3).put(9, "secret-value").toString()).doesNotContain("secret-value").contains("size=4");
    }

    private static SortedChunks<Integer, String> build(int size) {
        SortedChunksEditor<Integer, String> editor = SortedChunks.<Integer, String>empty().edit();
        for (int i = 0; i < size; i++) {
            editor.put(i, "v" + i);
        }
        return editor.build();
    }

    private static Map<Integer, String> toMap(SortedChunks<Integer, String> map) {
        Map<Integer, String> copy = new TreeMap<>();
        map.forEach(copy::put);
        return copy;
    }

    private static void assertChunksAreWellFormed(SortedChunks<Integer, String> map) {
        int[] sizes = map.chunkSizes();
        assertThat(Arrays.stream(sizes).boxed().toList()).allSatisfy(size -> assertThat(size).isBetween(1, MAX));
        assertThat(Arrays.stream(sizes).sum()).isEqualTo(map.size());
        List<Integer> keys = new ArrayList<>();
        map.forEach((key, value) -> keys.add(key));
        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }

    private static int unshared(List<Object> before, List<Object> after) {
        Set<Object> old = Collections.newSetFromMap(new IdentityHashMap<>());
        old.addAll(before);
        return (int) after.stream().filter(chunk -> !old.contains(chunk)).count();
    }
}
