package io.offlinevault.domain.memory;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A whole vault as one immutable value: every organization's entries, snapshots, snapshot contents and
 * applied resources, and the tokens. {@link #apply(Batch)} returns a new state that shares everything
 * the batch did not touch: per organization the entries live in a {@link SortedChunks}, so a change
 * copies one chunk and that organization's index, never another organization's entries. Thread-safe.
 */
public final class VaultState implements VaultView {
    private static final VaultState EMPTY = new VaultState(
            Collections.unmodifiableNavigableMap(new TreeMap<>()),
            Collections.unmodifiableNavigableMap(new TreeMap<>()),
            Map.of());

    private final NavigableMap<OrganizationId, Organization> organizations;
    private final NavigableMap<String, TokenRecord> tokensByName;
    private final Map<TokenDigest, TokenRecord> tokensByDigest;

    private VaultState(NavigableMap<OrganizationId, Organization> organizations,
                       NavigableMap<String, TokenRecord> tokensByName, Map<TokenDigest, TokenRecord> tokensByDigest) {
        this.organizations = organizations;
        this.tokensByName = tokensByName;
        this.tokensByDigest = tokensByDigest;
    }

    /** {@return the state of a vault that holds nothing} */
    public static VaultState empty() {
        return EMPTY;
    }

    /**
     * {@return the state after {@code batch}: this state when the batch changes nothing} Every
     * precondition is checked against this state, the state before the batch, so a batch's own
     * changes never satisfy or break its preconditions; the changes are then applied in order (a later
     * change to the same thing wins).
     *
     * @throws io.offlinevault.domain.error.VaultException or
     *         {@link io.offlinevault.domain.port.out.ConcurrentChangeException} from a failed
     *         precondition, in which case nothing is applied
     */
    public VaultState apply(Batch batch) {
        requireNonNull(batch, "batch");
        for (Precondition precondition : batch.preconditions()) {
            precondition.check(this);
        }
        if (batch.isEmpty()) {
            return this;
        }
        Transition transition = new Transition(this);
        for (Change change : batch.changes()) {
            change.accept(transition);
        }
        return transition.build();
    }

    @Override
    public Optional<VaultEntry> entry(OrganizationId organization, EntryKey key) {
        requireNonNull(key, "key");
        return organization(organization).entries.get(key);
    }

    @Override
    public long entryCount(OrganizationId organization) {
        return organization(organization).entries.size();
    }

    @Override
    public List<VaultEntry> entries(OrganizationId organization, long offset, int limit) {
        return organization(organization).entries.slice(offset, limit);
    }

    /** {@return every entry of the organization, sorted by key, read lazily from this immutable state} */
    @Override
    public Stream<VaultEntry> allEntries(OrganizationId organization) {
        return organization(organization).entries.values();
    }

    /**
     * {@return the organizations that hold entries, snapshots, snapshot contents or applied resources,
     * sorted} An organization whose last such thing is deleted is no longer listed.
     */
    @Override
    public SortedSet<OrganizationId> organizations() {
        return organizations.navigableKeySet();
    }

    @Override
    public Optional<Snapshot> snapshot(OrganizationId organization, String snapshotId) {
        requireNonNull(snapshotId, "snapshotId");
        return Optional.ofNullable(organization(organization).snapshots.get(snapshotId));
    }

    @Override
    public List<Snapshot> snapshots(OrganizationId organization) {
        return List.copyOf(organization(organization).snapshots.values());
    }

    @Override
    public Optional<SnapshotContent> snapshotContent(OrganizationId organization, String snapshotId) {
        requireNonNull(snapshotId, "snapshotId");
        return Optional.ofNullable(organization(organization).contents.get(snapshotId));
    }

    @Override
    public AppliedResources appliedResources(OrganizationId organization) {
        return organization(organization).applied;
    }

    @Override
    public Optional<TokenRecord> token(String name) {
        requireNonNull(name, "name");
        return Optional.ofNullable(tokensByName.get(name));
    }

    @Override
    public Optional<TokenRecord> tokenByDigest(TokenDigest digest) {
        requireNonNull(digest, "digest");
        return Optional.ofNullable(tokensByDigest.get(digest));
    }

    @Override
    public List<TokenRecord> tokens() {
        return List.copyOf(tokensByName.values());
    }

    /** {@return the organization's entries as stored} Lets tests check what two states share. */
    SortedChunks<EntryKey, VaultEntry> entryChunks(OrganizationId organization) {
        return organization(organization).entries;
    }

    @Override
    public String toString() {
        return "VaultState[organizations=" + organizations.size() + ", tokens=" + tokensByName.size() + "]";
    }

    private Organization organization(OrganizationId organization) {
        requireNonNull(organization, "organization");
        return organizations.getOrDefault(organization, Organization.NONE);
    }

    /** What one organization holds; never changed once built. */
    private static final class Organization {
        static final Organization NONE = new Organization(SortedChunks.empty(),
                Collections.unmodifiableNavigableMap(new TreeMap<>()),
                Collections.unmodifiableNavigableMap(new TreeMap<>()),
                AppliedResources.none());

        final SortedChunks<EntryKey, VaultEntry> entries;
        final NavigableMap<String, Snapshot> snapshots;
        final NavigableMap<String, SnapshotContent> contents;
        final AppliedResources applied;

        Organization(SortedChunks<EntryKey, VaultEntry> entries, NavigableMap<String, Snapshot> snapshots,
                     NavigableMap<String, SnapshotContent> contents, AppliedResources applied) {
            this.entries = entries;
            this.snapshots = snapshots;
            this.contents = contents;
            this.applied = applied;
        }

        boolean holdsNothing() {
            return entries.isEmpty() && snapshots.isEmpty() && contents.isEmpty() && applied.byType().isEmpty();
        }
    }

    /** The working copy of one organization during {@link #apply}: each part is copied when first changed. */
    private static final class OrganizationDraft {
        private final Organization base;
        private SortedChunksEditor<EntryKey, VaultEntry> entries;
        private TreeMap<String, Snapshot> snapshots;
        private TreeMap<String, SnapshotContent> contents;
        private AppliedResources applied;

        OrganizationDraft(Organization base) {
            this.base = base;
            this.applied = base.applied;
        }

        SortedChunksEditor<EntryKey, VaultEntry> entries() {
            if (entries == null) {
                entries = base.entries.edit();
            }
            return entries;
        }

        TreeMap<String, Snapshot> snapshots() {
            if (snapshots == null) {
                snapshots = new TreeMap<>(base.snapshots);
            }
            return snapshots;
        }

        TreeMap<String, SnapshotContent> contents() {
            if (contents == null) {
                contents = new TreeMap<>(base.contents);
            }
            return contents;
        }

        void applied(AppliedResources resources) {
            applied = resources.byType().isEmpty() ? AppliedResources.none() : resources;
        }

        Organization build() {
            return new Organization(
                    entries == null ? base.entries : entries.build(),
                    snapshots == null ? base.snapshots : Collections.unmodifiableNavigableMap(snapshots),
                    contents == null ? base.contents : Collections.unmodifiableNavigableMap(contents),
                    applied);
        }
    }

    /** Applies one batch's changes to working copies of what they touch, then builds the next state. */
    private static final class Transition implements Change.Visitor<Void> {
        private final VaultState base;
        private final Map<OrganizationId, OrganizationDraft> drafts = new LinkedHashMap<>();
        private TreeMap<String, TokenRecord> tokensByName;
        private HashMap<TokenDigest, TokenRecord> tokensByDigest;

        Transition(VaultState base) {
            this.base = base;
        }

        @Override
        public Void putEntry(Change.PutEntry change) {
            draft(change.organization()).entries().put(change.entry().key(), change.entry());
            return null;
        }

        @Override
        public Void deleteEntry(Change.DeleteEntry change) {
            draft(change.organization()).entries().remove(change.key());
            return null;
        }

        @Override
        public Void putSnapshot(Change.PutSnapshot change) {
            Snapshot snapshot = change.snapshot();
            draft(snapshot.organizationId()).snapshots().put(snapshot.id(), snapshot);
            return null;
        }

        @Override
        public Void putSnapshotContent(Change.PutSnapshotContent change) {
            draft(change.organization()).contents().put(change.snapshotId(), change.content());
            return null;
        }

        @Override
        public Void deleteSnapshot(Change.DeleteSnapshot change) {
            OrganizationDraft draft = draft(change.organization());
            draft.snapshots().remove(change.snapshotId());
            draft.contents().remove(change.snapshotId());
            return null;
        }

        @Override
        public Void putAppliedResources(Change.PutAppliedResources change) {
            draft(change.organization()).applied(change.resources());
            return null;
        }

        @Override
        public Void putToken(Change.PutToken change) {
            TokenRecord token = change.token();
            removeToken(token.name());
            tokensByName.put(token.name(), token);
            tokensByDigest.put(token.digest(), token);
            return null;
        }

        @Override
        public Void deleteToken(Change.DeleteToken change) {
            removeToken(change.name());
            return null;
        }

        VaultState build() {
            NavigableMap<OrganizationId, Organization> organizations = base.organizations;
            if (!drafts.isEmpty()) {
                TreeMap<OrganizationId, Organization> copy = new TreeMap<>(base.organizations);
                drafts.forEach((id, draft) -> {
                    Organization organization = draft.build();
                    if (organization.holdsNothing()) {
                        copy.remove(id);
                    } else {
                        copy.put(id, organization);
                    }
                });
                organizations = Collections.unmodifiableNavigableMap(copy);
            }
            return new VaultState(organizations,
                    tokensByName == null ? base.tokensByName : Collections.unmodifiableNavigableMap(tokensByName),
                    tokensByDigest == null ? base.tokensByDigest : Collections.unmodifiableMap(tokensByDigest));
        }

        private OrganizationDraft draft(OrganizationId organization) {
            return drafts.computeIfAbsent(organization, id -> new OrganizationDraft(base.organization(id)));
        }

        private void removeToken(String name) {
            if (tokensByName == null) {
                tokensByName = new TreeMap<>(base.tokensByName);
                tokensByDigest = new HashMap<>(base.tokensByDigest);
            }
            TokenRecord removed = tokensByName.remove(name);
            if (removed != null && removed.equals(tokensByDigest.get(removed.digest()))) {
                tokensByDigest.remove(removed.digest());
                // two tokens with one digest would take a SHA-256 collision or a duplicated value; keep the other reachable
                tokensByName.values().stream()
                        .filter(other -> other.digest().equals(removed.digest()))
                        .findFirst()
                        .ifPresent(other -> tokensByDigest.put(other.digest(), other));
            }
        }
    }
}
