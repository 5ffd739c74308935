package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreFixture.CLOCK;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/** Commits to a store through the domain's services, and ways to read what a store holds, for the tests. */
final class Commits {
    static final OrganizationId ACME = OrganizationId.of("acme");

    private Commits() {
    }

    /** Creates the entry {@code key} in acme with a value derived from the key. */
    static void entry(FileVaultStore store, String key) {
        new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                EntryDraft.empty().withKey(key).withValue("value of " + key));
    }

    static void delete(FileVaultStore store, String key) {
        new VaultEntryService(store.repository()).delete(Caller.owner(), ACME, EntryKey.of(key));
    }

    /** Registers a snapshot whose content (a blob) references the entry {@code key}. */
    static Snapshot snapshot(FileVaultStore store, String key) {
        return new SnapshotService(store.repository(), CLOCK, IdGenerator.secure()).register(Caller.owner(), ACME,
                content(key), "note");
    }

    static SnapshotContent content(String key) {
        return SnapshotContentReader.read(Map.of("metadata", Map.of("schemaVersion", "v1"), "resources",
                Map.of("SOURCE", List.of(Map.of("resourceName", "src", "model",
                        Map.of("password", "{{ VAULT." + key + " }}"))))), "test.json");
    }

    /** {@return the keys of acme's entries, sorted} */
    static List<String> keys(FileVaultStore store) {
        return store.repository().view().entries(ACME, 0, 1000).stream().map(VaultEntry::key).map(EntryKey::value)
                .toList();
    }

    /** {@return the offset of the {@code index}-th record (0-based) of the segment {@code bytes}} */
    static int recordOffset(byte[] bytes, int index) {
        int offset = Container.lengthOfEmpty(bytes);
        for (int i = 0; i < index; i++) {
            offset = JournalRecord.at(bytes, offset).orElseThrow().end();
        }
        return offset;
    }

    /** {@return {@code bytes} with one payload byte of the record at {@code offset} changed, its CRC recomputed} */
    static byte[] withTamperedRecord(byte[] bytes, int offset) {
        byte[] out = bytes.clone();
        ByteBuffer buffer = ByteBuffer.wrap(out);
        int length = buffer.getInt(offset);
        int payload = offset + 16;
        out[payload + length / 2] ^= 0x01;
        CRC32C crc = new CRC32C();
        crc.update(out, payload, length);
        buffer.putInt(payload + length, (int) crc.getValue());
        return out;
    }
}
