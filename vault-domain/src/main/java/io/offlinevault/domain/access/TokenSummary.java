package io.offlinevault.domain.access;

import static java.util.Objects.requireNonNull;

/**
 * A token as anyone who manages tokens sees it: its name, what it grants and when it was made; never its value or
 * its digest. What {@link io.offlinevault.domain.port.in.Tokens#list} gives, whichever adapter drives it.
 */
public record TokenSummary(String name, Grant grant, long createdDate) {
    public TokenSummary {
        requireNonNull(name, "name");
        requireNonNull(grant, "grant");
    }

    /** {@return whether this token holds every privilege in every organization, as the admin token does} */
    public boolean isAdmin() {
        return grant.includes(Grant.everything());
    }
}
