package io.offlinevault.domain.snapshot;

import java.util.Locale;

/** Which part of a resource a placeholder was found in (wire: {@code "model"} or {@code "parents"}). */
public enum ReferenceLocation {
    MODEL, PARENTS;

    /** {@return the wire form, lower case} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
