package io.offlinevault.domain.port.in;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.snapshot.ReferencedKey;
import java.util.List;

/**
 * What a fetch copied (or would copy): every referenced key in exactly one sorted list.
 * {@code missingInSource} holds keys the strategy would write but the source lacks, and every referenced key
 * that can never be an entry key (API.md 6: it is never copied);
 * {@code skipped} every other key not written (present in the destination already). {@code sourceEmpty}
 * says the source organization holds no entry at all, which usually means a wrong id.
 */
public record FetchResult(List<EntryKey> copied, List<EntryKey> overwritten, List<EntryKey> skipped,
                          List<ReferencedKey> missingInSource, boolean sourceEmpty) {
    public FetchResult {
        copied = List.copyOf(copied);
        overwritten = List.copyOf(overwritten);
        skipped = List.copyOf(skipped);
        missingInSource = List.copyOf(missingInSource);
    }
}
