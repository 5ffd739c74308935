package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.TokenDraft;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a new test vault starts with ({@code serve --seed}): organizations with their entries and snapshots,
 * and tokens whose values the tests know. Valid by construction: entries are validated {@link VaultEntry}s,
 * token names and values follow the rules of {@link TokenService}, and nothing is named twice (organizations,
 * keys within an organization, snapshot ids, token names and token values). {@link #batch} is the one atomic
 * commit that loads it. Immutable.
 */
public record Seed(List<Organization> organizations, List<Token> tokens) {
    /** The {@code createdBy} of a seeded snapshot. */
    public static final String CREATED_BY = "seed";

    private static final Pattern SNAPSHOT_ID_SUFFIX = Pattern.compile("[a-z2-7]{26}");

    public Seed {
        organizations = List.copyOf(organizations);
        tokens = List.copyOf(tokens);
        requireUnique(organizations, Organization::id, "organization");
        requireUnique(tokens, Token::name, "token name");
        requireUnique(tokens, token -> TokenDigest.of(token.value().reveal()), "token value");
    }

    /**
     * {@return the remarks on the seeded entries ({@link EntryWarning}), each with its place in the seed,
     * {@code organizations[i].entries[j]}, in seed order} The seed loads all the same.
     */
    public List<PlacedWarning> warnings() {
        List<PlacedWarning> warnings = new ArrayList<>();
        for (int i = 0; i < organizations.size(); i++) {
            List<VaultEntry> entries = organizations.get(i).entries();
            for (int j = 0; j < entries.size(); j++) {
                String place = "organizations[" + i + "].entries[" + j + "]";
                EntryWarning.referenceMismatch(entries.get(j)).ifPresent(w -> warnings.add(new PlacedWarning(place, w)));
            }
        }
        return warnings;
    }

    /** A remark on a seeded entry, and where the entry stands in the seed. */
    public record PlacedWarning(String place, EntryWarning warning) {
        public PlacedWarning {
            requireNonNull(place, "place");
            requireNonNull(warning, "warning");
        }
    }

    /** An organization's seeded entries and snapshots. */
    public record Organization(OrganizationId id, List<VaultEntry> entries, List<SnapshotSeed> snapshots) {
        public Organization {
            requireNonNull(id, "id");
            entries = List.copyOf(entries);
            snapshots = List.copyOf(snapshots);
            requireUnique(entries, VaultEntry::key, "key");
            requireUnique(snapshots.stream().filter(s -> s.id().isPresent()).toList(), s -> s.id().get(), "snapshot id");
            for (SnapshotSeed snapshot : snapshots) {
                snapshot.id().ifPresent(given -> checkSnapshotId(id, given));
            }
        }
    }

    /**
     * A snapshot registered as by {@code POST /snapshots/file}: with the given id (else a new one),
     * developer note and content.
     */
    public record SnapshotSeed(Optional<String> id, String developerNote, SnapshotContent content) {
        public SnapshotSeed {
            requireNonNull(id, "id");
            requireNonNull(developerNote, "developerNote");
            requireNonNull(content, "content");
        }
    }

    /**
     * A token with a value that the tests supply: stored, like any token, as its SHA-256 only. Its
     * {@code toString} shows no value ({@link SecretValue}).
     */
    public record Token(String name, Grant grant, SecretValue value) {
        public Token {
            checkTokenName(name);
            requireNonNull(grant, "grant");
            TokenService.checkValue(value);
            if (grant.privileges().isEmpty() || (!grant.allOrganizations() && grant.organizations().isEmpty())) {
                throw new InvalidParameterException("A seeded token needs at least one privilege and at least one"
                        + " organization (or every organization).");
            }
        }
    }

    /**
     * Checks the name of a seeded token: {@link TokenDraft#seedNameProblem}.
     *
     * @throws InvalidParameterException with a message that states the rule
     */
    public static void checkTokenName(String name) {
        requireNonNull(name, "name");
        TokenDraft.seedNameProblem(name).ifPresent(problem -> {
            throw new InvalidParameterException(problem);
        });
    }

    /**
     * Checks a snapshot id chosen for {@code organization}: {@code <organizationId>-} followed by 26 characters
     * of {@code [a-z2-7]}, the shape of the ids the server makes.
     *
     * @throws InvalidParameterException with a message that states the rule
     */
    public static void checkSnapshotId(OrganizationId organization, String id) {
        String prefix = organization.value() + "-";
        if (id == null || !id.startsWith(prefix) || !SNAPSHOT_ID_SUFFIX.matcher(id.substring(prefix.length())).matches()) {
            throw new InvalidParameterException("A snapshot id is the organization id, '-' and 26 characters of a-z"
                    + " and 2-7, such as " + prefix + "a".repeat(26) + ".");
        }
    }

    /**
     * {@return the one batch that loads this seed into a vault that holds none of it} Tokens, entries and
     * snapshots are stored exactly as the API would store them, created at {@code now}; snapshots without an
     * id get one from {@code ids}. Its preconditions refuse a token name or value, a key or a snapshot id
     * that the vault already holds, so that nothing is overwritten.
     */
    public Batch batch(long now, IdGenerator ids) {
        requireNonNull(ids, "ids");
        Batch.Builder batch = Batch.builder();
        for (Token token : tokens) {
            TokenDigest digest = TokenDigest.of(token.value().reveal());
            batch.require(Precondition.tokenAbsent(token.name()))
                    .require(Precondition.tokenValueUnused(token.name(), digest))
                    .putToken(new TokenRecord(token.name(), digest, token.grant(), now));
        }
        for (Organization organization : organizations) {
            OrganizationId org = organization.id();
            for (VaultEntry entry : organization.entries()) {
                batch.require(Precondition.entryAbsent(org, entry.key())).putEntry(org, entry);
            }
            for (SnapshotSeed seeded : organization.snapshots()) {
                String id = seeded.id().orElseGet(() -> org.value() + "-" + ids.newId());
                Snapshot snapshot = SnapshotService.registered(id, org.value() + "-" + ids.newId(), org, CREATED_BY,
                        now, seeded.content(), seeded.developerNote());
                batch.require(Precondition.snapshotUnchanged(org, id, Optional.empty()))
                        .putSnapshotContent(org, id, seeded.content())
                        .putSnapshot(snapshot);
            }
        }
        return batch.build();
    }

    // A guard: the reader of a seed file reports duplicates with their place before it builds a Seed.
    private static <T> void requireUnique(List<T> items, Function<T, ?> identity, String what) {
        Set<Object> seen = new HashSet<>();
        for (T item : items) {
            requireNonNull(item, what);
            if (!seen.add(identity.apply(item))) {
                throw new IllegalArgumentException("a seed names one " + what + " twice");
            }
        }
    }
}
