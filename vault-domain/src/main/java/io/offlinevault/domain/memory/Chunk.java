package io.offlinevault.domain.memory;

import java.util.Arrays;

/**
 * Up to {@value SortedChunks#MAX_CHUNK} sorted keys and their values, one piece of a {@link SortedChunks}. Once a map
 * holds a chunk, nothing changes it: a {@link SortedChunksEditor} changes only the chunks it created (its own, which
 * no map ever holds), and builds a map of trimmed copies.
 */
final class Chunk {
    Object[] keys;
    Object[] values;
    int size;

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
        Chunk right = withCapacity(SortedChunks.MAX_CHUNK + 1);
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
            keys = Arrays.copyOf(keys, Math.max(capacity, SortedChunks.MAX_CHUNK + 1));
            values = Arrays.copyOf(values, Math.max(capacity, SortedChunks.MAX_CHUNK + 1));
        }
    }
}
