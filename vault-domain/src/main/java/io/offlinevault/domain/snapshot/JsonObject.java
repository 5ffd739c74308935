package io.offlinevault.domain.snapshot;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable JSON object that keeps its keys in document order in two arrays: a snapshot holds
 * hundreds of thousands of small objects, and a {@code LinkedHashMap} costs about three times the
 * memory. Lookups scan the keys of a small object and use an index for a large one. Thread-safe.
 */
final class JsonObject extends AbstractMap<String, Object> {
    // Below this many keys a scan is faster and smaller than an index.
    private static final int INDEXED_FROM = 12;

    private final String[] keys;
    private final Object[] values;
    private final Map<String, Integer> index;

    private JsonObject(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
        if (keys.length >= INDEXED_FROM) {
            Map<String, Integer> positions = new HashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                positions.put(keys[i], i);
            }
            this.index = positions;
        } else {
            this.index = null;
        }
    }

    /** {@return an object of these keys and values, in order} The lists are copied; keys must be distinct. */
    static JsonObject of(List<String> keys, List<Object> values) {
        return new JsonObject(keys.toArray(new String[0]), values.toArray());
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return position(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int position = position(key);
        return position < 0 ? null : values[position];
    }

    private int position(Object key) {
        if (index != null) {
            Integer position = index.get(key);
            return position == null ? -1 : position;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>(keys[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
