package io.offlinevault.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.testing.TestEntries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The default walk of {@link VaultView#allEntries}, which views that do not override it (the file store's) use. */
class VaultViewTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");

    @Test
    void the_default_walk_reads_every_entry_in_order_a_thousand_at_a_time_and_only_when_consumed() {
        // given 2,500 entries behind a view that counts its reads
        InMemoryVaultRepository repository = new InMemoryVaultRepository();
        Batch.Builder batch = Batch.builder();
        List<String> keys = IntStream.range(0, 2_500).mapToObj(i -> String.format("k%05d", i)).toList();
        keys.forEach(key -> batch.putEntry(ACME, TestEntries.entry(key)));
        repository.commit(batch.build());
        CountingView view = new CountingView(repository.view());

        // when
        Stream<VaultEntry> walk = view.allEntries(ACME);
        int readsBeforeConsuming = view.reads.size();
        List<String> walked = walk.map(entry -> entry.key().value()).toList();

        // then
        assertThat(readsBeforeConsuming).isZero();
        assertThat(walked).isEqualTo(keys);
        assertThat(view.reads).containsExactly(0L, 1000L, 2000L);
    }

    @Test
    void the_default_walk_of_an_exact_multiple_stops_at_the_first_empty_read() {
        InMemoryVaultRepository repository = new InMemoryVaultRepository();
        Batch.Builder batch = Batch.builder();
        IntStream.range(0, 1000).forEach(i -> batch.putEntry(ACME, TestEntries.entry(String.format("k%05d", i))));
        repository.commit(batch.build());
        CountingView view = new CountingView(repository.view());

        assertThat(view.allEntries(ACME).count()).isEqualTo(1000);
        assertThat(view.reads).containsExactly(0L, 1000L);
        assertThat(view.allEntries(OrganizationId.of("empty"))).isEmpty();
    }

    // Forwards everything but allEntries, so that the interface's default is the one under test.
    private static final class CountingView implements VaultView {
        private final VaultState state;
        private final List<Long> reads = new ArrayList<>();

        CountingView(VaultState state) {
            this.state = state;
        }

        @Override
        public Optional<VaultEntry> entry(OrganizationId organization, EntryKey key) {
            return state.entry(organization, key);
        }

        @Override
        public long entryCount(OrganizationId organization) {
            return state.entryCount(organization);
        }

        @Override
        public List<VaultEntry> entries(OrganizationId organization, long offset, int limit) {
            reads.add(offset);
            return state.entries(organization, offset, limit);
        }

        @Override
        public SortedSet<OrganizationId> organizations() {
            return state.organizations();
        }

        @Override
        public Optional<Snapshot> snapshot(OrganizationId organization, String snapshotId) {
            return state.snapshot(organization, snapshotId);
        }

        @Override
        public List<Snapshot> snapshots(OrganizationId organization) {
            return state.snapshots(organization);
        }

        @Override
        public Optional<SnapshotContent> snapshotContent(OrganizationId organization, String snapshotId) {
            return state.snapshotContent(organization, snapshotId);
        }

        @Override
        public AppliedResources appliedResources(OrganizationId organization) {
            return state.appliedResources(organization);
        }

        @Override
        public Optional<TokenRecord> token(String name) {
            return state.token(name);
        }

        @Override
        public Optional<TokenRecord> tokenByDigest(TokenDigest digest) {
            return state.tokenByDigest(digest);
        }

        @Override
        public List<TokenRecord> tokens() {
            return state.tokens();
        }
    }
}
