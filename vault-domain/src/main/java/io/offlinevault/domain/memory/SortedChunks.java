package io.offlinevault.domain.memory;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An immutable sorted map kept as chunks of at most {@value #MAX_CHUNK} entries plus an index of the
 * chunks' first keys and cumulative counts. A change copies the chunk it touches (never more than two)
 * and the index, and shares every other chunk with the previous version; {@link #get} costs
 * O(log n) and {@link #slice} O(log n + limit). Keys and values are never {@code null}. Thread-safe.
 *
 * @param <K> the key, ordered by its natural order
 * @param <V> the value
 */
public final class SortedChunks<K extends Comparable<K>, V> {
    /** The most entries a chunk holds; a chunk that would hold more splits in two. */
    public static final int MAX_CHUNK = 256;

    // A chunk left with fewer entries than this merges with a neighbour when they fit in one chunk,
    // so that deletes cannot leave an index of many near-empty chunks.
    static final int MIN_CHUNK = MAX_CHUNK / 4;

    private static final SortedChunks<String, Object> EMPTY = new SortedChunks<>(new Chunk[0], new Object[0], new int[0]);

    private final Chunk[] chunks;
    private final Object[] firstKeys;
    // ends[i] = number of entries in chunks 0..i, so the page at offset o starts in the first chunk whose end exceeds o
    private final int[] ends;

    private SortedChunks(Chunk[] chunks, Object[] firstKeys, int[] ends) {
        this.chunks = chunks;
        this.firstKeys = firstKeys;
        this.ends = ends;
    }

    /** {@return the empty map} */
    @SuppressWarnings("unchecked")
    public static <K extends Comparable<K>, V> SortedChunks<K, V> empty() {
        return (SortedChunks<K, V>) (SortedChunks<?, ?>) EMPTY;
    }

    /** {@return the number of entries} */
    public int size() {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    /** {@return whether the map holds no entry} */
    public boolean isEmpty() {
        return chunks.length == 0;
    }

    /** {@return the value of {@code key}, if present} */
    public Optional<V> get(K key) {
        requireNonNull(key, "key");
        if (chunks.length == 0) {
            return Optional.empty();
        }
        Chunk chunk = chunks[chunkFor(key, firstKeys, chunks.length)];
        int position = chunk.find(key);
        return position < 0 ? Optional.empty() : Optional.of(valueAt(chunk, position));
    }

    /** {@return whether {@code key} is present} */
    public boolean containsKey(K key) {
        return get(key).isPresent();
    }

    /** {@return a map with {@code key} set to {@code value}; this one is unchanged} */
    public SortedChunks<K, V> put(K key, V value) {
        return edit().put(key, value).build();
    }

    /** {@return a map without {@code key} (this same map when the key is absent)} */
    public SortedChunks<K, V> remove(K key) {
        return edit().remove(key).build();
    }

    /**
     * {@return at most {@code limit} values in key order, starting at the {@code offset}-th entry;
     * empty past the end} Costs O(log n + limit).
     *
     * @throws IllegalArgumentException when {@code offset} or {@code limit} is negative
     */
    public List<V> slice(long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (offset >= size() || limit == 0) {
            return List.of();
        }
        int start = (int) offset;
        int count = Math.min(limit, size() - start);
        int chunkIndex = firstChunkEndingAfter(start);
        int position = start - (chunkIndex == 0 ? 0 : ends[chunkIndex - 1]);
        List<V> page = new ArrayList<>(count);
        while (page.size() < count) {
            Chunk chunk = chunks[chunkIndex];
            int take = Math.min(chunk.size - position, count - page.size());
            for (int i = 0; i < take; i++) {
                page.add(valueAt(chunk, position + i));
            }
            chunkIndex++;
            position = 0;
        }
        return Collections.unmodifiableList(page);
    }

    /** {@return every value in key order, read lazily from this immutable map} */
    public Stream<V> values() {
        return Arrays.stream(chunks).flatMap(chunk -> IntStream.range(0, chunk.size).mapToObj(i -> valueAt(chunk, i)));
    }

    /** Passes every entry to {@code action}, in key order. */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        requireNonNull(action, "action");
        for (Chunk chunk : chunks) {
            for (int i = 0; i < chunk.size; i++) {
                action.accept(keyAt(chunk, i), valueAt(chunk, i));
            }
        }
    }

    /**
     * {@return an editor that applies many changes to a copy of this map and builds the result once}
     * Repeated changes to one chunk copy it once, so a batch of n changes costs O(n log n) plus the
     * chunks it touches and one copy of the index. The editor is not thread-safe and this map never
     * changes.
     */
    public Editor<K, V> edit() {
        return new Editor<>(this);
    }

    /** {@return how many chunks hold the entries} Lets tests check the chunk bounds. */
    int chunkCount() {
        return chunks.length;
    }

    /** {@return the chunks themselves, in order} Lets tests check which chunks two versions share. */
    List<Object> chunkIdentities() {
        return List.of((Object[]) chunks);
    }

    /** {@return the number of entries of each chunk, in order} */
    int[] chunkSizes() {
        return Arrays.stream(chunks).mapToInt(chunk -> chunk.size).toArray();
    }

    @Override
    public String toString() {
        // never the values: they may be secrets
        return "SortedChunks[size=" + size() + ", chunks=" + chunks.length + "]";
    }

    private int firstChunkEndingAfter(int offset) {
        int low = 0;
        int high = ends.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] > offset) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    // The last chunk whose first key is <= key, or chunk 0 when the key sorts before every chunk.
    @SuppressWarnings("unchecked")
    private static <K extends Comparable<K>> int chunkFor(K key, Object[] firstKeys, int count) {
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (((K) firstKeys[middle]).compareTo(key) <= 0) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    @SuppressWarnings("unchecked")
    private static <K> K keyAt(Chunk chunk, int position) {
        return (K) chunk.keys[position];
    }

    @SuppressWarnings("unchecked")
    private static <V> V valueAt(Chunk chunk, int position) {
        return (V) chunk.values[position];
    }

    /**
     * Changes to a private copy of a {@link SortedChunks}, turned into a new immutable map by
     * {@link #build()}; usable once and not thread-safe.
     *
     * @param <K> the key
     * @param <V> the value
     */
    public static final class Editor<K extends Comparable<K>, V> {
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

        private Editor(SortedChunks<K, V> original) {
            this.original = original;
            this.count = original.chunks.length;
        }

        /** Sets {@code key} to {@code value}; returns this editor. */
        public Editor<K, V> put(K key, V value) {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
            checkOpen();
            changed = true;
            if (count == 0) {
                Chunk chunk = Chunk.withCapacity(MAX_CHUNK + 1);
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
            if (chunk.size > MAX_CHUNK) {
                Chunk right = chunk.splitOff(chunk.size / 2);
                materialize();
                insertChunk(index + 1, right);
            }
            return this;
        }

        /** Removes {@code key} if present; returns this editor. */
        public Editor<K, V> remove(K key) {
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
            } else if (chunk.size < MIN_CHUNK) {
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
                return empty();
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
            if (index + 1 < count && chunk.size + chunks[index + 1].size <= MAX_CHUNK) {
                chunk.append(chunks[index + 1]);
                removeChunk(index + 1);
            } else if (index > 0 && chunks[index - 1].size + chunk.size <= MAX_CHUNK) {
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

    // Sorted keys and their values. Once a map holds a chunk, nothing changes it: an editor changes only
    // the chunks it created (its own, which no map ever holds), and builds a map of trimmed copies.
    private static final class Chunk {
        private Object[] keys;
        private Object[] values;
        private int size;

        private Chunk(Object[] keys, Object[] values, int size) {
            this.keys = keys;
            this.values = values;
            this.size = size;
        }

        // An editor's private chunk, with room to grow: only its editor changes it, and no map holds it.
        static Chunk withCapacity(int capacity) {
            return new Chunk(new Object[capacity], new Object[capacity], 0);
        }

        // An editor's private copy of a shared chunk, with room for the one insert a commit usually makes: then
        // trimmed() hands its arrays on without a copy (a chunk grows to MAX_CHUNK + 1 on a second insert).
        Chunk ownCopy() {
            return new Chunk(Arrays.copyOf(keys, size + 1), Arrays.copyOf(values, size + 1), size);
        }

        // The chunk a built map holds: the editor is done with its own chunks, so arrays that fit are not copied.
        Chunk trimmed() {
            if (keys.length == size) {
                return new Chunk(keys, values, size);
            }
            return new Chunk(Arrays.copyOf(keys, size), Arrays.copyOf(values, size), size);
        }

        // The position of the key, or -(insertion point) - 1 when absent, as Arrays.binarySearch.
        @SuppressWarnings("unchecked")
        <K extends Comparable<K>> int find(K key) {
            int low = 0;
            int high = size - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int order = ((K) keys[middle]).compareTo(key);
                if (order < 0) {
                    low = middle + 1;
                } else if (order > 0) {
                    high = middle - 1;
                } else {
                    return middle;
                }
            }
            return -(low + 1);
        }

        void insert(int position, Object key, Object value) {
            ensureCapacity(size + 1);
            System.arraycopy(keys, position, keys, position + 1, size - position);
            System.arraycopy(values, position, values, position + 1, size - position);
            keys[position] = key;
            values[position] = value;
            size++;
        }

        void delete(int position) {
            System.arraycopy(keys, position + 1, keys, position, size - position - 1);
            System.arraycopy(values, position + 1, values, position, size - position - 1);
            size--;
            keys[size] = null;
            values[size] = null;
        }

        Chunk splitOff(int from) {
            Chunk right = withCapacity(MAX_CHUNK + 1);
            int moved = size - from;
            System.arraycopy(keys, from, right.keys, 0, moved);
            System.arraycopy(values, from, right.values, 0, moved);
            right.size = moved;
            Arrays.fill(keys, from, size, null);
            Arrays.fill(values, from, size, null);
            size = from;
            return right;
        }

        void append(Chunk next) {
            ensureCapacity(size + next.size);
            System.arraycopy(next.keys, 0, keys, size, next.size);
            System.arraycopy(next.values, 0, values, size, next.size);
            size += next.size;
        }

        private void ensureCapacity(int capacity) {
            if (keys.length < capacity) {
                keys = Arrays.copyOf(keys, Math.max(capacity, MAX_CHUNK + 1));
                values = Arrays.copyOf(values, Math.max(capacity, MAX_CHUNK + 1));
            }
        }
    }
}
