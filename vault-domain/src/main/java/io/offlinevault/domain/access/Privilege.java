package io.offlinevault.domain.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a token may do in its organizations; the wire name is {@code DOMAIN:LEVEL}. */
public enum Privilege {
    VAULT_ENTRY_VIEW("VAULT_ENTRY", "VIEW"),
    VAULT_ENTRY_EDIT("VAULT_ENTRY", "EDIT"),
    VAULT_ENTRY_CREATE("VAULT_ENTRY", "CREATE"),
    SNAPSHOTS_VIEW("SNAPSHOTS", "VIEW"),
    SNAPSHOTS_EDIT("SNAPSHOTS", "EDIT"),
    SNAPSHOTS_CREATE("SNAPSHOTS", "CREATE");

    private final String domain;
    private final String level;

    Privilege(String domain, String level) {
        this.domain = domain;
        this.level = level;
    }

    /** {@return the wire name, such as {@code VAULT_ENTRY:VIEW}} */
    public String wireName() {
        return domain + ":" + level;
    }

    /** {@return the privilege named {@code raw} ({@code VAULT_ENTRY:VIEW}, any case), if any} */
    public static Optional<Privilege> parse(String raw) {
        String wanted = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName().equals(wanted)).findFirst();
    }
}
