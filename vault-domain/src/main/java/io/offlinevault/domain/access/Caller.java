package io.offlinevault.domain.access;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.AccessDeniedException;

/**
 * Who is calling a use case: the name of the token that authenticated (or {@code owner} for the
 * store's owner on the command line) and what it may do. Every use case checks its caller itself.
 */
public record Caller(String name, Grant grant) {
    public Caller {
        requireNonNull(name, "name");
        requireNonNull(grant, "grant");
    }

    /** {@return the local owner of the store: every privilege in every organization} */
    public static Caller owner() {
        return new Caller("owner", Grant.everything());
    }

    /** {@return whether this caller holds {@code privilege} in {@code organization}} */
    public boolean holds(OrganizationId organization, Privilege privilege) {
        return grant.allows(organization, privilege);
    }

    /** Throws {@link AccessDeniedException} unless this caller holds {@code privilege} in {@code organization}. */
    public void require(OrganizationId organization, Privilege privilege) {
        if (!holds(organization, privilege)) {
            throw new AccessDeniedException(grant.covers(organization)
                    ? "The token lacks the privilege " + privilege.wireName() + " in organization '" + organization + "'."
                    : "The token does not grant access to organization '" + organization + "'.");
        }
    }

    /**
     * Throws {@link AccessDeniedException} unless this caller holds every privilege in every organization;
     * {@code action} ("manage tokens") completes the message.
     */
    public void requireEverything(String action) {
        requireNonNull(action, "action");
        if (!grant.includes(Grant.everything())) {
            throw new AccessDeniedException("Only a token with every privilege in every organization (such as the admin"
                    + " token) may " + action + ".");
        }
    }
}
