package io.offlinevault.domain.testing;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import java.util.List;

/** Entries and drafts for tests, with a value derived from the key so that every entry differs. */
public final class TestEntries {
    private TestEntries() {
    }

    /** {@return a STRING, STRICT entry whose value is {@code value-of-<key>}, without references or scopes} */
    public static VaultEntry entry(String key) {
        return entry(key, valueOf(key), Visibility.STRICT);
    }

    /** {@return a STRING entry of that value and visibility, without references or scopes} */
    public static VaultEntry entry(String key, String value, Visibility visibility) {
        return new VaultEntry(EntryKey.of(key), SecretValue.of(value), ValueType.STRING, visibility, List.of(), List.of());
    }

    /** {@return a valid create request: key, value {@code value-of-<key>}, STRING, STRICT} */
    public static EntryDraft draft(String key) {
        return EntryDraft.empty().withKey(key).withValue(valueOf(key)).withValueType("STRING").withVisibility("STRICT");
    }

    /** {@return the value that {@link #entry(String)} and {@link #draft(String)} give the key} */
    public static String valueOf(String key) {
        return "value-of-" + key;
    }
}
