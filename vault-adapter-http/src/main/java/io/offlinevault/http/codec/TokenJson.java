package io.offlinevault.http.codec;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.access.TokenSummary;
import io.offlinevault.domain.entry.OrganizationId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens in the wire shape of API.md 6: {@code name}, {@code privileges} (wire names, in a fixed order),
 * {@code organizations} or {@code allOrganizations: true}, {@code createdDate}. A digest never leaves through
 * this class, and a value only through {@link #issued}, the answer to the token's creation.
 */
public final class TokenJson {
    private TokenJson() {
    }

    /** {@return the wire form of a stored token: what it grants and when it was made, never its digest} */
    public static Map<String, Object> of(TokenSummary token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", token.name());
        Grant grant = token.grant();
        json.put("privileges", grant.privileges().isEmpty() ? List.of()
                : EnumSet.copyOf(grant.privileges()).stream().map(Privilege::wireName).toList());
        if (grant.allOrganizations()) {
            json.put("allOrganizations", true);
        } else {
            json.put("organizations", grant.organizations().stream().map(OrganizationId::value).toList());
        }
        json.put("createdDate", token.createdDate());
        return json;
    }

    /** {@return the wire form of every token, in the given order (the port's: by name)} */
    public static List<Map<String, Object>> list(List<TokenSummary> tokens) {
        return tokens.stream().map(TokenJson::of).toList();
    }

    /** {@return the answer to a token's creation: its wire form and, this once, its {@code value}} */
    public static Map<String, Object> issued(IssuedToken issued) {
        Map<String, Object> json = of(issued.record().summary());
        json.put("value", issued.token().reveal());
        return json;
    }
}
