package io.offlinevault.domain.port.in;

/** How {@code fetch} treats referenced keys that exist on one side or the other (API.md 2.4). */
public enum FetchStrategy {
    /** Copy every missing key, or nothing when any missing key is absent from the source too. */
    ALL_OR_NOTHING,
    /** Copy the missing keys that the source has; skip the rest. */
    ONLY_MISSING,
    /** Copy every key the source has, replacing the destination's value but keeping its scopes. */
    OVERWRITE;
}
