package io.offlinevault.domain.entry;

/**
 * Who may read an entry's value back (wire name {@code vaultVisibilityType}). Only {@link #PUBLIC}
 * values are ever returned over HTTP; all three are usable by placeholder resolution and fetch.
 */
public enum Visibility {
    PUBLIC, OBFUSCATED, STRICT;

    /** {@return how much this visibility hides: PUBLIC 0, OBFUSCATED 1, STRICT 2} */
    public int secrecy() {
        return switch (this) {
            case PUBLIC -> 0;
            case OBFUSCATED -> 1;
            case STRICT -> 2;
        };
    }

    /** {@return whether moving from {@code this} to {@code next} makes the value more readable} */
    public boolean isEscalatedBy(Visibility next) {
        return next.secrecy() < secrecy();
    }
}
