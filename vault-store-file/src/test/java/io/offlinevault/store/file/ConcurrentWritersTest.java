package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.service.VaultEntryService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 threads x 500 mixed operations on a few overlapping keys (create, replace and delete through the entry
 * service; batches through the repository that write both keys of a pair with one unique value, and sometimes
 * a shared key too), with background checkpoints, while readers take views. Each operation notes when it
 * started and ended. For every key, the final value (live and after a reopen) is that of an acknowledged
 * write that no other acknowledged write of that key wholly followed: the last one, or one that overlapped
 * it. No view ever holds half a batch: the two keys of a pair always hold the same value, or are both absent.
 */
class ConcurrentWritersTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final int THREADS = 8;
    private static final int OPERATIONS = 500;
    private static final int SHARED_KEYS = 12;
    private static final int PAIRS = 4;
    private static final int READERS = 2;
    private static final String ABSENT = "(absent)";
    private static final long SEED = 20_260_101L;

    @TempDir
    Path root;

    /** An acknowledged write of one key: the value it left ({@link #ABSENT} for a deletion), and when its call ran. */
    private record Write(String key, String value, long started, long ended) {
    }

    @Test
    void each_key_ends_with_its_last_acknowledged_write_or_an_overlapping_one_and_no_view_holds_half_a_batch()
            throws Exception {
        StoreFixture fixture = new StoreFixture(root);
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong viewsChecked = new AtomicLong();
        List<String> halfBatches = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + READERS);
        try (FileVaultStore store = fixture.create(new RealFileIo(), new FileVaultRepository.Policy(32 * 1024))) {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    VaultView last = null;
                    do {
                        VaultView view = store.repository().view();
                        if (view != last) {
                            halfBatch(view).ifPresent(halfBatches::add);
                            viewsChecked.incrementAndGet();
                            last = view;
                        }
                        LockSupport.parkNanos(50_000); // leave the CPU to the writers between looks
                    } while (writing.get());
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> write(store, thread, writes)));
            }
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }

            assertThat(halfBatches).as("views holding half a batch, of %d", viewsChecked.get()).isEmpty();
            assertThat(unexplained(store.repository().view(), writes)).as("keys whose final value no write explains")
                    .isEmpty();
        } finally {
            writing.set(false); // also after a failure: the readers look until told to stop, and ignore interrupts
            pool.shutdownNow();
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(halfBatch(reopened.repository().view())).isEmpty();
            assertThat(unexplained(reopened.repository().view(), writes)).as("after a reopen").isEmpty();
        }
        assertThat(writes).as("acknowledged writes").hasSizeGreaterThan(THREADS * OPERATIONS / 2);
        System.out.println("ConcurrentWritersTest: " + THREADS * OPERATIONS + " operations, " + writes.size()
                + " acknowledged key writes checked on " + (SHARED_KEYS + 2 * PAIRS) + " keys, " + viewsChecked.get()
                + " distinct views checked for half batches while writing");
    }

    // One writer's operations; each acknowledged one adds a Write per key it wrote.
    private static void write(FileVaultStore store, int thread, List<Write> writes) {
        VaultEntryService entries = new VaultEntryService(store.repository());
        Random random = new Random(SEED + thread);
        for (int i = 0; i < OPERATIONS; i++) {
            String value = "t" + thread + "-" + i;
            String key = "k" + random.nextInt(SHARED_KEYS);
            int pair = random.nextInt(PAIRS);
            int kind = random.nextInt(10);
            long started = System.nanoTime();
            List<Write> done = new ArrayList<>();
            try {
                if (kind < 3) {
                    entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey(key).withValue(value));
                    done.add(new Write(key, value, started, 0));
                } else if (kind < 5) {
                    entries.replace(Caller.owner(), ACME, EntryKey.of(key), EntryDraft.empty().withValue(value));
                    done.add(new Write(key, value, started, 0));
                } else if (kind < 6) {
                    entries.delete(Caller.owner(), ACME, EntryKey.of(key));
                    done.add(new Write(key, ABSENT, started, 0));
                } else {
                    done.addAll(batch(store, kind, pair, key, value, started));
                }
            } catch (AlreadyExistsException | NotFoundException e) {
                continue; // refused: wrote nothing
            }
            long ended = System.nanoTime();
            done.forEach(w -> writes.add(new Write(w.key(), w.value(), w.started(), ended)));
        }
    }

    // A batch of 2 or 3 changes: both keys of a pair (put with one value, or deleted), sometimes a shared key.
    private static List<Write> batch(FileVaultStore store, int kind, int pair, String key, String value, long started) {
        String first = "pa-" + pair;
        String second = "pb-" + pair;
        Batch.Builder batch = Batch.builder();
        List<Write> done = new ArrayList<>();
        if (kind == 6) {
            batch.deleteEntry(ACME, EntryKey.of(first)).deleteEntry(ACME, EntryKey.of(second));
            done.add(new Write(first, ABSENT, started, 0));
            done.add(new Write(second, ABSENT, started, 0));
        } else {
            batch.putEntry(ACME, entry(first, value)).putEntry(ACME, entry(second, value));
            done.add(new Write(first, value, started, 0));
            done.add(new Write(second, value, started, 0));
        }
        if (kind == 8) {
            batch.putEntry(ACME, entry(key, value));
            done.add(new Write(key, value, started, 0));
        } else if (kind == 9) {
            batch.deleteEntry(ACME, EntryKey.of(key));
            done.add(new Write(key, ABSENT, started, 0));
        }
        store.repository().commit(batch.build());
        return done;
    }

    private static Optional<String> halfBatch(VaultView view) {
        for (int pair = 0; pair < PAIRS; pair++) {
            String first = value(view, "pa-" + pair);
            String second = value(view, "pb-" + pair);
            if (!first.equals(second)) {
                return Optional.of("pair " + pair + ": " + first + " / " + second);
            }
        }
        return Optional.empty();
    }

    // The keys whose value in the view is not that of a write no other write of the key wholly followed.
    private static Map<String, String> unexplained(VaultView view, List<Write> writes) {
        Map<String, List<Write>> byKey = new TreeMap<>();
        IntStream.range(0, SHARED_KEYS).forEach(k -> byKey.put("k" + k, new ArrayList<>()));
        IntStream.range(0, PAIRS).forEach(p -> {
            byKey.put("pa-" + p, new ArrayList<>());
            byKey.put("pb-" + p, new ArrayList<>());
        });
        synchronized (writes) {
            writes.forEach(w -> byKey.get(w.key()).add(w));
        }
        Map<String, String> unexplained = new TreeMap<>();
        byKey.forEach((key, ofKey) -> {
            String found = value(view, key);
            boolean explained = ofKey.isEmpty() ? found.equals(ABSENT) : ofKey.stream()
                    .filter(w -> ofKey.stream().noneMatch(later -> later.started() > w.ended()))
                    .anyMatch(w -> w.value().equals(found));
            if (!explained) {
                unexplained.put(key, found);
            }
        });
        return unexplained;
    }

    private static String value(VaultView view, String key) {
        return view.entry(ACME, EntryKey.of(key)).map(e -> e.value().reveal()).orElse(ABSENT);
    }

    private static VaultEntry entry(String key, String value) {
        return EntryValidator.validateCreate(ACME, EntryDraft.empty().withKey(key).withValue(value));
    }
}
