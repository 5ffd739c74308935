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
 * This class reads; a {@link SortedChunksEditor} makes the changed copies.
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

    // read by SortedChunksEditor, which builds a map from a copy of these arrays and never changes them
    final Chunk[] chunks;
    final Object[] firstKeys;
    // ends[i] = number of entries in chunks 0..i, so the page at offset o starts in the first chunk whose end exceeds o
    final int[] ends;

    SortedChunks(Chunk[] chunks, Object[] firstKeys, int[] ends) {
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
    public SortedChunksEditor<K, V> edit() {
        return new SortedChunksEditor<>(this);
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
}
