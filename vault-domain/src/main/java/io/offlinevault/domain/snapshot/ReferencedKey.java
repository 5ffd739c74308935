package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.error.Violation;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The key a {@code {{ VAULT.<key> }}} placeholder names, as written: usually an {@link EntryKey}, or a raw key
 * that matches the placeholder grammar but breaks the key rules of API.md 2.1 (a no-break space, an unpaired
 * surrogate, a reserved word, ...) and so can never be an entry key. Such a key is never found in a vault
 * ({@link #foundIn}): every check, report and fetch lists it as missing, with its {@link #violation()} (API.md 6).
 * Ordered by its text ({@code String.compareTo}), like {@link EntryKey}. Immutable and thread-safe.
 */
public record ReferencedKey(String value) implements Comparable<ReferencedKey> {
    public ReferencedKey {
        requireNonNull(value, "value");
    }

    /** {@return the key {@code raw} as a placeholder names it} */
    public static ReferencedKey of(String raw) {
        return new ReferencedKey(raw);
    }

    /** {@return the reference to the entry key {@code key}} */
    public static ReferencedKey of(EntryKey key) {
        return new ReferencedKey(key.value());
    }

    /** {@return the first key rule this key breaks (code {@code key.<rule>}), empty for an entry key} */
    public Optional<Violation> violation() {
        return EntryKey.check(value).stream().findFirst();
    }

    /** {@return the entry key, empty when this key can never be one} */
    public Optional<EntryKey> entryKey() {
        return violation().isEmpty() ? Optional.of(EntryKey.of(value)) : Optional.empty();
    }

    /** {@return whether {@code keyExists} holds this key; never true for a key that can never be an entry key} */
    public boolean foundIn(Predicate<EntryKey> keyExists) {
        requireNonNull(keyExists, "keyExists");
        return entryKey().filter(keyExists).isPresent();
    }

    /** {@return the placeholder in its canonical form, {@code {{ VAULT.<key> }}}} */
    public String placeholder() {
        return "{{ VAULT." + value + " }}";
    }

    @Override
    public int compareTo(ReferencedKey other) {
        return value.compareTo(other.value);
    }
}
