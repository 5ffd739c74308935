package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.error.MethodNotAllowedException;
import io.offlinevault.domain.error.NotFoundException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route templates compiled once: the most specific template wins, literal first, segment by segment. */
class RouteTableTest {
    private static final String ENTRIES = "/rest/organizations/{organizationId}/vaultentries";

    private final RouteTable table = new RouteTable.Builder()
            .add("GET", ENTRIES + "/{key}", Privilege.VAULT_ENTRY_VIEW, RouteTable.Builder.noCheck(), r -> Response.noContent())
            .add("DELETE", ENTRIES + "/{key}", Privilege.VAULT_ENTRY_EDIT, RouteTable.Builder.noCheck(), r -> Response.noContent())
            .add("PUT", ENTRIES + "/fetch", Privilege.VAULT_ENTRY_EDIT, RouteTable.Builder.noCheck(), r -> Response.noContent())
            .add("GET", "/rest/organizations/{organizationId}/{what}/missing", Privilege.VAULT_ENTRY_VIEW,
                    RouteTable.Builder.noCheck(), r -> Response.noContent())
            .addPublic("GET", "/health", r -> Response.noContent())
            .build();

    @Test
    void a_parameter_matches_any_non_empty_segment_and_yields_its_raw_value() {
        RouteTable.Match match = table.match("GET", ENTRIES.replace("{organizationId}", "acme") + "/a%2Fb", true);

        assertThat(match.route().template()).isEqualTo(ENTRIES + "/{key}");
        assertThat(match.rawParameters()).isEqualTo(Map.of("organizationId", "acme", "key", "a%2Fb"));
    }

    @Test
    void a_literal_segment_wins_over_a_parameter_and_its_methods_are_the_allowed_ones() {
        assertThat(table.match("PUT", "/rest/organizations/acme/vaultentries/fetch", true).route().template())
                .isEqualTo(ENTRIES + "/fetch");
        assertThatExceptionOfType(MethodNotAllowedException.class)
                .isThrownBy(() -> table.match("GET", "/rest/organizations/acme/vaultentries/fetch", true))
                .satisfies(e -> assertThat(e.allowed()).containsExactly("PUT"));
        // the first segment where two templates differ decides: vaultentries (literal) before {what}
        assertThat(table.match("GET", "/rest/organizations/acme/vaultentries/missing", true).route().template())
                .isEqualTo(ENTRIES + "/{key}");
        assertThat(table.match("GET", "/rest/organizations/acme/other/missing", true).route().template())
                .isEqualTo("/rest/organizations/{organizationId}/{what}/missing");
    }

    @Test
    void an_empty_segment_a_wrong_length_or_the_other_kind_of_route_matches_nothing() {
        for (String path : new String[] {"/rest/organizations//vaultentries/k", "/rest/organizations/acme/vaultentries/",
                "/rest/organizations/acme/vaultentries/k/x", "rest", "", "/health"}) {
            assertThatExceptionOfType(NotFoundException.class).as(path).isThrownBy(() -> table.match("GET", path, true));
        }
        assertThat(table.isPublicPath("/health")).isTrue();
        assertThat(table.isPublicPath("/health/")).isFalse();
        assertThat(table.isPublicPath("/rest/organizations/acme/vaultentries/k")).isFalse();
    }
}
