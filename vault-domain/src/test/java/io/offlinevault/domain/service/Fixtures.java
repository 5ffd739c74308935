package io.offlinevault.domain.service;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotResource;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders shared by the use-case tests of this package. */
final class Fixtures {
    static final OrganizationId ACME = OrganizationId.of("acme");
    static final OrganizationId ORIGIN = OrganizationId.of("origin");
    static final Caller ADMIN = new Caller("admin", Grant.everything());

    private Fixtures() {
    }

    static Caller holding(OrganizationId organization, Privilege... privileges) {
        Set<Privilege> set = privileges.length == 0 ? Set.of() : EnumSet.of(privileges[0], privileges);
        return new Caller("limited", Grant.of(Set.of(organization), set));
    }

    /** {@return a content with one SOURCE whose model references each key once, in order} */
    static SnapshotContent contentReferencing(String... keys) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            parameters.put("p" + i, "{{ VAULT." + keys[i] + " }}");
        }
        SnapshotResource source = new SnapshotResource(ResourceType.SOURCE, "helpcenter_Qm7xK2", Map.of(),
                Map.of("parameters", parameters), Map.of());
        return new SnapshotContent(Map.of("schemaVersion", "v1"), Map.of(ResourceType.SOURCE, List.of(source)), Map.of());
    }
}
