package io.offlinevault.domain.port.out;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.snapshot.Snapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition a {@link Batch} needs, checked by the repository against the state that the batches
 * before it left (never a check-then-act by the caller). A failed check throws: a
 * {@link io.offlinevault.domain.error.VaultException} that goes to the caller as is, or a
 * {@link ConcurrentChangeException} telling the use case to read again and retry.
 */
@FunctionalInterface
public interface Precondition {
    /** Throws when the condition does not hold in {@code view}. */
    void check(VaultView view);

    /** {@return a condition that the organization has no entry of that key; else {@code VAULT_ENTRY_ALREADY_EXISTS}} */
    static Precondition entryAbsent(OrganizationId organization, EntryKey key) {
        requireNonNull(organization, "organization");
        requireNonNull(key, "key");
        return view -> {
            if (view.entry(organization, key).isPresent()) {
                throw AlreadyExistsException.entry(organization, key);
            }
        };
    }

    /** {@return a condition that the entry of that key is still exactly {@code expected} (absent when empty)} */
    static Precondition entryUnchanged(OrganizationId organization, EntryKey key, Optional<VaultEntry> expected) {
        requireNonNull(organization, "organization");
        requireNonNull(key, "key");
        requireNonNull(expected, "expected");
        return view -> {
            if (!view.entry(organization, key).equals(expected)) {
                throw new ConcurrentChangeException();
            }
        };
    }

    /** {@return a condition that the snapshot is still exactly {@code expected} (absent when empty)} */
    static Precondition snapshotUnchanged(OrganizationId organization, String snapshotId, Optional<Snapshot> expected) {
        requireNonNull(organization, "organization");
        requireNonNull(snapshotId, "snapshotId");
        requireNonNull(expected, "expected");
        return view -> {
            if (!view.snapshot(organization, snapshotId).equals(expected)) {
                throw new ConcurrentChangeException();
            }
        };
    }

    /** {@return a condition that no token has that name; else {@code TOKEN_ALREADY_EXISTS}} */
    static Precondition tokenAbsent(String name) {
        requireNonNull(name, "name");
        return view -> {
            Optional<TokenRecord> existing = view.token(name);
            if (existing.isPresent()) {
                throw AlreadyExistsException.token(name);
            }
        };
    }

    /**
     * {@return a condition that no token has the value whose digest is {@code digest}; else
     * {@code TOKEN_ALREADY_EXISTS} naming the new token {@code name}}
     */
    static Precondition tokenValueUnused(String name, TokenDigest digest) {
        requireNonNull(name, "name");
        requireNonNull(digest, "digest");
        return view -> {
            if (view.tokenByDigest(digest).isPresent()) {
                // never say which token holds it: that would confirm a guess of another token's value
                throw AlreadyExistsException.token(name);
            }
        };
    }

    /** {@return a condition that the token of that name is still exactly {@code expected}} */
    static Precondition tokenUnchanged(String name, Optional<TokenRecord> expected) {
        requireNonNull(name, "name");
        requireNonNull(expected, "expected");
        return view -> {
            if (!Objects.equals(view.token(name), expected)) {
                throw new ConcurrentChangeException();
            }
        };
    }
}
