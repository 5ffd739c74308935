package io.offlinevault.store.file;

import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads blobs on demand and keeps what it decoded as long as memory allows (soft references), so
 * that a view holds only blob ids and a 64 MiB snapshot costs memory only while it is used.
 * Thread-safe.
 */
final class BlobReader {
    private final Blobs blobs;
    private volatile Keyring keyring;
    private final Map<String, SoftReference<Object>> decoded = new ConcurrentHashMap<>();

    BlobReader(Blobs blobs, Keyring keyring) {
        this.blobs = blobs;
        this.keyring = keyring;
    }

    SnapshotContent content(String id) {
        Object cached = cached(id);
        if (cached instanceof SnapshotContent content) {
            return content;
        }
        SnapshotContent content = RecordCodec.content(blobs.read(id, keyring));
        remember(id, content);
        return content;
    }

    AppliedResources applied(String id) {
        Object cached = cached(id);
        if (cached instanceof AppliedResources applied) {
            return applied;
        }
        AppliedResources applied = RecordCodec.applied(blobs.read(id, keyring));
        remember(id, applied);
        return applied;
    }

    /** Reads with {@code newer} from now on: a keyring with the same terms and more (after a rotation). */
    void useKeyring(Keyring newer) {
        this.keyring = newer;
    }

    /** Keeps {@code value}, just written as the blob {@code id}, so that it is not read back. */
    void remember(String id, Object value) {
        decoded.put(id, new SoftReference<>(value));
    }

    /** Forgets the blob {@code id}, deleted or never committed. */
    void forget(String id) {
        decoded.remove(id);
    }

    private Object cached(String id) {
        SoftReference<Object> reference = decoded.get(id);
        return reference == null ? null : reference.get();
    }
}
