package io.offlinevault.domain.memory;

import static io.offlinevault.domain.testing.TestEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VaultStateTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final OrganizationId GLOBEX = OrganizationId.of("globex");

    @Test
    void a_batch_without_changes_returns_the_same_state() {
        VaultState state = VaultState.empty().apply(Batch.builder().putEntry(ACME, entry("a")).build());

        assertThat(state.apply(Batch.builder().require(Precondition.entryAbsent(ACME, EntryKey.of("b"))).build()))
                .isSameAs(state);
    }

    @Test
    void a_failed_precondition_leaves_the_state_as_it_was() {
        // given
        VaultState state = VaultState.empty().apply(Batch.builder().putEntry(ACME, entry("a")).build());
        Batch batch = Batch.builder()
                .putEntry(ACME, entry("b"))
                .require(Precondition.entryAbsent(ACME, EntryKey.of("a")))
                .build();

        // when / then
        assertThatExceptionOfType(AlreadyExistsException.class).isThrownBy(() -> state.apply(batch));
        assertThat(state.entryCount(ACME)).isEqualTo(1);
    }

    @Test
    void a_commit_to_one_organization_shares_the_entries_of_the_others() {
        // given
        VaultState before = VaultState.empty().apply(puts(GLOBEX, 1000).putEntry(ACME, entry("a")).build());

        // when
        VaultState after = before.apply(Batch.builder().putEntry(ACME, entry("b")).build());

        // then
        assertThat(after.entryChunks(GLOBEX)).isSameAs(before.entryChunks(GLOBEX));
        assertThat(after.entryCount(ACME)).isEqualTo(2);
        assertThat(before.entryCount(ACME)).isEqualTo(1);
    }

    @Test
    void a_put_into_a_large_organization_copies_one_chunk() {
        // given
        VaultState before = VaultState.empty().apply(puts(ACME, 50_000).build());
        List<Object> chunksBefore = before.entryChunks(ACME).chunkIdentities();

        // when
        VaultState after = before.apply(Batch.builder().putEntry(ACME, entry(key(25_000), "new", entry("x").visibility()))
                .build());

        // then
        Set<Object> old = Collections.newSetFromMap(new IdentityHashMap<>());
        old.addAll(chunksBefore);
        List<Object> chunksAfter = after.entryChunks(ACME).chunkIdentities();
        assertThat(chunksAfter).hasSameSizeAs(chunksBefore);
        assertThat(chunksAfter.stream().filter(chunk -> !old.contains(chunk)).count()).isEqualTo(1);
    }

    @Test
    void a_large_batch_applies_in_one_pass() {
        VaultState state = VaultState.empty().apply(puts(ACME, 20_000).build());

        assertThat(state.entryCount(ACME)).isEqualTo(20_000);
        assertThat(state.allEntries(ACME).map(entry -> entry.key().value()).toList())
                .isEqualTo(IntStream.range(0, 20_000).mapToObj(VaultStateTest::key).toList());
        assertThat(state.entries(ACME, 19_999, 5)).extracting(VaultEntry::key).containsExactly(EntryKey.of(key(19_999)));
    }

    @Test
    void snapshot_contents_are_found_by_id_and_make_their_organization_hold_data() {
        SnapshotContent content = new SnapshotContent(Map.of(), Map.of(ResourceType.SOURCE, List.of()), Map.of());

        VaultState state = VaultState.empty().apply(Batch.builder()
                .putSnapshotContent(ACME, "acme-b", content)
                .putSnapshotContent(ACME, "acme-a", content)
                .build());

        assertThat(state.snapshotContent(ACME, "acme-a")).contains(content);
        assertThat(state.snapshotContent(ACME, "acme-b")).contains(content);
        assertThat(state.snapshotContent(GLOBEX, "acme-a")).isEmpty();
        assertThat(state.organizations()).containsExactly(ACME);
    }

    @Test
    void a_token_sharing_a_digest_stays_reachable_when_the_other_is_deleted() {
        // given
        TokenRecord first = new TokenRecord("first", TokenDigest.of("ovt_same"), Grant.everything(), 1L);
        TokenRecord second = new TokenRecord("second", TokenDigest.of("ovt_same"), Grant.everything(), 2L);
        VaultState state = VaultState.empty().apply(Batch.builder().putToken(first).putToken(second).build());

        // when
        VaultState after = state.apply(Batch.builder().deleteToken("second").build());

        // then
        assertThat(after.tokenByDigest(TokenDigest.of("ovt_same"))).contains(first);
    }

    @Test
    void to_string_shows_no_value() {
        VaultState state = VaultState.empty().apply(Batch.builder()
                .putEntry(ACME, entry("k", "secret-value", entry("x").visibility())).build());

        assertThat(state.toString()).doesNotContain("secret-value");
    }

    private static Batch.Builder puts(OrganizationId organization, int count) {
        Batch.Builder batch = Batch.builder();
        IntStream.range(0, count).forEach(i -> batch.putEntry(organization, entry(key(i))));
        return batch;
    }

    private static String key(int i) {
        return String.format("key-%06d", i);
    }
}
