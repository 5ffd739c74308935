package io.offlinevault.store.file;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.Change;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs what the replay of an open runs (a journal record sealed, framed, checked, decrypted and decoded into a state)
 * on made-up entries under a throwaway random key, on a daemon thread: a short command starts it before it
 * parses its arguments, so that on a second CPU the open's classes are initialized and its hot methods compiled by
 * the quick JIT tier before the real open needs them. It reads and writes no file, knows no key of any vault and
 * logs nothing; it only costs CPU time on another thread, and its result is thrown away. Thread-safe.
 */
public final class OpenWarmUp {
    // Enough calls for the quick tier to compile the per-entry and per-block methods (a few hundred each), little
    // enough to be done in the time the command line takes to parse its arguments: 1,500 entries, and a checkpoint
    // sealed and read too, cost 250 ms of CPU and saved the main thread less (issue 21, docs/BENCHMARKS.md).
    private static final int ENTRIES = 400;
    private static final OrganizationId ORGANIZATION = OrganizationId.of("warm-up");
    private static final String VALUE = "v".repeat(200);

    private OpenWarmUp() {
    }

    /** Starts the warm-up on a daemon thread, which ends by itself; {@return that thread} at once. */
    public static Thread start() {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException | AuthenticationFailedException e) {
                // Nothing depends on the warm-up: should it ever fail, the open runs its code cold, as without it.
            }
        }, "offline-vault-open-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Runs the warm-up on this thread; {@return the number of entries in the state it decoded last} */
    static long run() throws AuthenticationFailedException {
        SecretKey key = new SecretKeySpec(Aead.freshKeyBytes(), "AES");
        List<Change> changes = new ArrayList<>(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            changes.add(new Change.PutEntry(ORGANIZATION, new VaultEntry(EntryKey.of("warm-up.k" + i),
                    SecretValue.of(VALUE), ValueType.STRING, Visibility.OBFUSCATED, List.of(), List.of())));
        }
        // a journal record, as the replay reads one
        JournalRecord.Place place = new JournalRecord.Place("warm-up", 1, 1);
        byte[] json = new JournalEntry(changes, List.of()).toJson();
        byte[] record = new byte[JournalRecord.frameLength(json.length)];
        JournalRecord.sealInto(place, 1, json, json.length, key, record, 0);
        JournalRecord.Frame frame = JournalRecord.at(record, 0).orElseThrow();
        JournalEntry entry = JournalEntry.read(JournalRecord.open(record, frame, place, key), "the warm-up record");
        VaultState state = entry.applyTo(new FileView(VaultState.empty(), BlobIndex.empty(), null)).state();
        state.entries(ORGANIZATION, 0, 100);
        return state.entryCount(ORGANIZATION);
    }
}
