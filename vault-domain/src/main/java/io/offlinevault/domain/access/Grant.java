package io.offlinevault.domain.access;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.OrganizationId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a token allows: a set of privileges in a set of organizations (or in every organization).
 * The same privileges apply in each of its organizations.
 */
public record Grant(boolean allOrganizations, SortedSet<OrganizationId> organizations, Set<Privilege> privileges) {
    public Grant {
        requireNonNull(organizations, "organizations");
        requireNonNull(privileges, "privileges");
        if (allOrganizations && !organizations.isEmpty()) {
            throw new IllegalArgumentException("a grant on all organizations names none");
        }
        organizations = Collections.unmodifiableSortedSet(new TreeSet<>(organizations));
        privileges = privileges.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(privileges));
    }

    /** {@return every privilege in every organization: what the {@code admin} token holds} */
    public static Grant everything() {
        return new Grant(true, new TreeSet<>(), EnumSet.allOf(Privilege.class));
    }

    /** {@return the given privileges in the given organizations only} */
    public static Grant of(Set<OrganizationId> organizations, Set<Privilege> privileges) {
        return new Grant(false, new TreeSet<>(organizations), privileges);
    }

    /** {@return the given privileges in every organization} */
    public static Grant inAllOrganizations(Set<Privilege> privileges) {
        return new Grant(true, new TreeSet<>(), privileges);
    }

    /** {@return whether this grant reaches {@code organization}} */
    public boolean covers(OrganizationId organization) {
        return allOrganizations || organizations.contains(organization);
    }

    /** {@return whether this grant holds {@code privilege} in {@code organization}} */
    public boolean allows(OrganizationId organization, Privilege privilege) {
        return covers(organization) && privileges.contains(privilege);
    }

    /** {@return whether this grant allows everything {@code other} allows} */
    public boolean includes(Grant other) {
        boolean organizationsIncluded = allOrganizations || (!other.allOrganizations
                && organizations.containsAll(other.organizations));
        return organizationsIncluded && privileges.containsAll(other.privileges);
    }
}
