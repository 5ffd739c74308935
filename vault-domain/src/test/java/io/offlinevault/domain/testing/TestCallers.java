package io.offlinevault.domain.testing;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Callers for tests: the admin, and tokens holding chosen privileges in chosen organizations. */
public final class TestCallers {
    private TestCallers() {
    }

    /** {@return the caller of the {@code admin} token: every privilege in every organization} */
    public static Caller admin() {
        return new Caller("admin", Grant.everything());
    }

    /** {@return a caller named {@code test} holding {@code privileges} in the named organizations only} */
    public static Caller with(Collection<Privilege> privileges, String... organizations) {
        Set<OrganizationId> ids = Arrays.stream(organizations).map(OrganizationId::of).collect(Collectors.toSet());
        return new Caller("test", Grant.of(ids, privileges.isEmpty() ? Set.of() : EnumSet.copyOf(privileges)));
    }

    /** {@return a caller named {@code test} holding {@code privileges} in {@code organization} only} */
    public static Caller in(String organization, Privilege... privileges) {
        return with(Arrays.asList(privileges), organization);
    }

    /** {@return a caller named {@code test} holding {@code privileges} in every organization} */
    public static Caller everywhere(Privilege... privileges) {
        return new Caller("test", Grant.inAllOrganizations(
                privileges.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(privileges))));
    }
}
