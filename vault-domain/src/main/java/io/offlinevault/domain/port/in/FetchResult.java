package io.offlinevault.domain.port.in;

import io.offlinevault.domain.entry.EntryKey;
import java.util.List;

/**
 * What a fetch copied (or would copy): every referenced key in exactly one sorted list.
 * {@code missingInSource} holds keys the strategy would write but the source lacks;
 * {@code skipped} every other key not written (present in the destination already). {@code sourceEmpty}
 * says the source organization holds no entry at all, which usually means a wrong id.
 */
public record FetchResult(List<EntryKey> copied, List<EntryKey> overwritten, List<EntryKey> skipped,
                          List<EntryKey> missingInSource, boolean sourceEmpty) {
    public FetchResult {
        copied = List.copyOf(copied);
        overwritten = List.copyOf(overwritten);
        skipped = List.copyOf(skipped);
        missingInSource = List.copyOf(missingInSource);
    }
}
