package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The existing keys that look like missing ones (API.md 3, {@code similarKeys}): keys whose folded form
 * (lower case, then {@code 0→o}, {@code 1→l}, {@code i→l}, {@code 5→s}, {@code 8→b}) equals the missing
 * key's, at most {@value #LIMIT} in {@code String.compareTo} order. Found in one pass over an
 * organization's keys for all missing keys at once; immutable and thread-safe once found.
 */
public final class SimilarKeys {
    /** The most similar keys given for one missing key. */
    public static final int LIMIT = 10;

    // folded form -> the smallest existing keys of that form, at most LIMIT + 1 (one may be the missing key)
    private final Map<String, List<String>> byFold;

    private SimilarKeys(Map<String, List<String>> byFold) {
        this.byFold = byFold;
    }

    /** {@return {@code key} folded: lower-cased with {@link Locale#ROOT}, then look-alike characters mapped} */
    public static String fold(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            folded.append(switch (c) {
                case '0' -> 'o';
                case '1', 'i' -> 'l';
                case '5' -> 's';
                case '8' -> 'b';
                default -> c;
            });
        }
        return folded.toString();
    }

    /**
     * {@return the similar keys of each of {@code missing} among {@code existing}} {@code existing} is
     * iterated once; memory stays proportional to the missing keys, whatever the size of the vault.
     */
    public static SimilarKeys find(Collection<EntryKey> missing, Iterable<EntryKey> existing) {
        requireNonNull(missing, "missing");
        requireNonNull(existing, "existing");
        Map<String, TreeSet<String>> candidates = new HashMap<>();
        for (EntryKey key : missing) {
            candidates.putIfAbsent(fold(key.value()), new TreeSet<>());
        }
        if (!candidates.isEmpty()) {
            for (EntryKey key : existing) {
                TreeSet<String> similar = candidates.get(fold(key.value()));
                if (similar != null) {
                    similar.add(key.value());
                    if (similar.size() > LIMIT + 1) {
                        similar.pollLast();
                    }
                }
            }
        }
        Map<String, List<String>> byFold = new HashMap<>();
        candidates.forEach((fold, similar) -> byFold.put(fold, List.copyOf(similar)));
        return new SimilarKeys(byFold);
    }

    /**
     * {@return the existing keys similar to {@code missing}, other than itself: the first {@value #LIMIT}
     * in {@code String.compareTo} order, empty when none} {@code missing} should be one of the keys given to
     * {@link #find}: only their folded forms were looked for.
     */
    public List<String> of(EntryKey missing) {
        List<String> similar = byFold.getOrDefault(fold(missing.value()), List.of());
        return similar.stream().filter(key -> !key.equals(missing.value())).limit(LIMIT).toList();
    }
}
