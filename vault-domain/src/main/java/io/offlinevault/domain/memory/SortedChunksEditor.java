package io.offlinevault.domain.memory;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Changes to a private copy of a {@link SortedChunks}, turned into a new immutable map by
 * {@link #build()}; usable once and not thread-safe.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class SortedChunksEditor<K extends Comparable<K>, V> {
    private final SortedChunks<K, V> original;
    // Until an edit touches a second chunk or adds or removes one (a commit of one entry seldom does), the
    // editor holds only its copy of the one chunk it changed (single, at index singleIndex) and builds the
    // new map from copies of the original's arrays. After that: the chunks in order, and origins[i], the
    // index in the original of a chunk still shared with it, or -1 for a chunk of this editor's own, which no
    // map holds and only this editor changes. Either way build() takes a shared chunk's first key and size
    // from the original's index instead of reading the chunk: a commit of one entry into 100,000 touches one
    // chunk, not all 400-800 of them (issue 21).
    private Chunk single;
    private int singleIndex = -1;
    private Chunk[] chunks;
    private int[] origins;
    private int count;
    private boolean changed;
    private boolean built;

    SortedChunksEditor(SortedChunks<K, V> original) {
        this.original = original;
        this.count = original.chunks.length;
    }

    /** Sets {@code key} to {@code value}; returns this editor. */
    public SortedChunksEditor<K, V> put(K key, V value) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        checkOpen();
        changed = true;
        if (count == 0) {
            Chunk chunk = Chunk.withCapacity(SortedChunks.MAX_CHUNK + 1);
            chunk.insert(0, key, value);
            materialize();
            insertChunk(0, chunk);
            return this;
        }
        int index = locate(key);
        Chunk chunk = own(index);
        int position = chunk.find(key);
        if (position >= 0) {
            chunk.values[position] = value;
            return this;
        }
        chunk.insert(-position - 1, key, value);
        if (chunk.size > SortedChunks.MAX_CHUNK) {
            Chunk right = chunk.splitOff(chunk.size / 2);
            materialize();
            insertChunk(index + 1, right);
        }
        return this;
    }

    /** Removes {@code key} if present; returns this editor. */
    public SortedChunksEditor<K, V> remove(K key) {
        requireNonNull(key, "key");
        checkOpen();
        if (count == 0) {
            return this;
        }
        int index = locate(key);
        int position = chunk(index).find(key);
        if (position < 0) {
            return this;
        }
        changed = true;
        Chunk chunk = own(index);
        chunk.delete(position);
        if (chunk.size == 0) {
            materialize();
            removeChunk(index);
        } else if (chunk.size < SortedChunks.MIN_CHUNK) {
            mergeWithNeighbour(index);
        }
        return this;
    }

    /** {@return the map holding every change made so far} The editor cannot be used after. */
    public SortedChunks<K, V> build() {
        checkOpen();
        built = true;
        if (!changed) {
            return original;
        }
        if (count == 0) {
            return SortedChunks.empty();
        }
        if (chunks == null) {
            return buildFromOriginal();
        }
        Chunk[] frozen = new Chunk[count];
        Object[] firstKeys = new Object[count];
        int[] ends = new int[count];
        int total = 0;
        int i = 0;
        while (i < count) {
            int origin = origins[i];
            if (origin < 0) {
                Chunk trimmed = chunks[i].trimmed();
                frozen[i] = trimmed;
                firstKeys[i] = trimmed.keys[0];
                total += trimmed.size;
                ends[i++] = total;
                continue;
            }
            // a run of chunks shared with the original, in its order: its part of the index, shifted
            int run = 1;
            while (i + run < count && origins[i + run] == origin + run) {
                run++;
            }
            System.arraycopy(original.chunks, origin, frozen, i, run);
            System.arraycopy(original.firstKeys, origin, firstKeys, i, run);
            int shift = total - (origin == 0 ? 0 : original.ends[origin - 1]);
            for (int k = 0; k < run; k++) {
                ends[i + k] = original.ends[origin + k] + shift;
            }
            i += run;
            total = ends[i - 1];
        }
        return new SortedChunks<>(frozen, firstKeys, ends);
    }

    // One chunk changed, none added or removed: the original's arrays with that chunk's entries.
    private SortedChunks<K, V> buildFromOriginal() {
        Chunk trimmed = single.trimmed();
        Chunk[] frozen = original.chunks.clone();
        Object[] firstKeys = original.firstKeys.clone();
        int[] ends = original.ends.clone();
        frozen[singleIndex] = trimmed;
        firstKeys[singleIndex] = trimmed.keys[0];
        int grown = trimmed.size - original.chunks[singleIndex].size;
        for (int i = singleIndex; i < count; i++) {
            ends[i] += grown;
        }
        return new SortedChunks<>(frozen, firstKeys, ends);
    }

    // From the one-chunk form to the general one, before a second chunk changes or one is added or removed.
    private void materialize() {
        if (chunks != null) {
            return;
        }
        chunks = Arrays.copyOf(original.chunks, count + 2);
        origins = new int[count + 2];
        for (int i = 0; i < count; i++) {
            origins[i] = i;
        }
        if (singleIndex >= 0) {
            chunks[singleIndex] = single;
            origins[singleIndex] = -1;
            single = null;
            singleIndex = -1;
        }
    }

    private Chunk chunk(int index) {
        if (chunks == null) {
            return index == singleIndex ? single : original.chunks[index];
        }
        return chunks[index];
    }

    private void mergeWithNeighbour(int index) {
        materialize();
        Chunk chunk = chunks[index];
        if (index + 1 < count && chunk.size + chunks[index + 1].size <= SortedChunks.MAX_CHUNK) {
            chunk.append(chunks[index + 1]);
            removeChunk(index + 1);
        } else if (index > 0 && chunks[index - 1].size + chunk.size <= SortedChunks.MAX_CHUNK) {
            own(index - 1).append(chunk);
            removeChunk(index);
        }
    }

    private int locate(K key) {
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (firstKey(middle).compareTo(key) <= 0) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    @SuppressWarnings("unchecked")
    private K firstKey(int index) {
        if (chunks == null) {
            return (K) (index == singleIndex ? single.keys[0] : original.firstKeys[index]);
        }
        int origin = origins[index];
        return (K) (origin >= 0 ? original.firstKeys[origin] : chunks[index].keys[0]);
    }

    private Chunk own(int index) {
        if (chunks == null) {
            if (singleIndex == index) {
                return single;
            }
            if (singleIndex < 0) {
                single = original.chunks[index].ownCopy();
                singleIndex = index;
                return single;
            }
            materialize();
        }
        if (origins[index] < 0) {
            return chunks[index];
        }
        Chunk copy = chunks[index].ownCopy();
        chunks[index] = copy;
        origins[index] = -1;
        return copy;
    }

    // An editor's own chunk at index, those from index on moving up one.
    private void insertChunk(int index, Chunk chunk) {
        if (count == chunks.length) {
            chunks = Arrays.copyOf(chunks, count * 2 + 2);
            origins = Arrays.copyOf(origins, count * 2 + 2);
        }
        System.arraycopy(chunks, index, chunks, index + 1, count - index);
        System.arraycopy(origins, index, origins, index + 1, count - index);
        chunks[index] = chunk;
        origins[index] = -1;
        count++;
    }

    private void removeChunk(int index) {
        System.arraycopy(chunks, index + 1, chunks, index, count - index - 1);
        System.arraycopy(origins, index + 1, origins, index, count - index - 1);
        count--;
        chunks[count] = null;
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("this editor has built its map already");
        }
    }
}
