package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreBenchmark.ORG;
import static io.offlinevault.store.file.StoreBenchmark.OWNER;
import static io.offlinevault.store.file.StoreBenchmark.draft;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The open part of {@link StoreBenchmark}: a store of 100,000 entries whose journal holds them all, then the
 * same store checkpointed twice, each opened in fresh JVMs (the server's case: nothing compiled yet) with
 * the benchmark's own JVM options. Its {@code main} is the fresh JVM's side. Arguments: data-dir entries.
 */
public final class StoreOpenBenchmark {
    static final int ENTRIES = 100_000;
    static final int ROUNDS = 3;
    private static final int WRITERS = 16;

    private StoreOpenBenchmark() {
    }

    /**
     * One open in a fresh JVM: its time and the opening thread's CPU time, the time of a second open in the
     * same JVM, and the heap in use before the first and with the second open.
     */
    record Open(double millis, double cpuMillis, double warmMillis, long heapBefore, long heapAfter) {
    }

    /** In the fresh JVM: opens the store twice and prints what {@link Open} holds. */
    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        openOnce(Path.of(args[0]), Long.parseLong(args[1]));
    }

    // 100,000 creates, one record each, with no checkpoint: the whole state is replayed at open.
    static List<Open> journalOnly(Path dir) throws Exception {
        BenchFileIo io = BenchFileIo.unforced();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (FileVaultStore store = StoreBenchmark.create(io, dir, new FileVaultRepository.Policy(Long.MAX_VALUE))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = writer; i < ENTRIES; i += WRITERS) {
                        entries.create(OWNER, ORG, draft(String.format("k%07d", i), i));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                Await.result("a writer filling the journal", StoreBenchmark.PATIENCE, writer);
            }
        } finally {
            pool.shutdown();
        }
        return opens(dir, ENTRIES);
    }

    // A checkpoint of everything, then a second one (so that checkpoint.prev holds everything too, as it
    // does in a store that has been running): the second is due once the newest segment outgrows the first,
    // which batches rewriting every entry make it do; the writer starts the next segment just after answering.
    static List<Open> checkpointed(Path dir) throws Exception {
        BenchFileIo io = BenchFileIo.unforced();
        FileVaultRepository.Policy always = new FileVaultRepository.Policy(0);
        try (FileVaultStore store = StoreBenchmark.open(io, dir, always)) {
            new VaultEntryService(store.repository()).create(OWNER, ORG, draft("checkpoint-now", 0));
        }
        Path dataDir = StoreBenchmark.location(dir).dataDir();
        try (FileVaultStore store = StoreBenchmark.open(io, dir, always)) {
            long newest = newestSegment(dataDir);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (newestSegment(dataDir) == newest) {
                if (Files.size(JournalSegment.path(dataDir, newest)) <= Files.size(dataDir.resolve(Checkpoint.FILE))) {
                    Batch.Builder batch = Batch.builder();
                    store.repository().view().entries(ORG, 0, ENTRIES + 1).forEach(e -> batch.putEntry(ORG, e));
                    store.repository().commit(batch.build());
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the second checkpoint did not start");
                } else {
                    Thread.sleep(10);
                }
            }
        }
        return opens(dir, ENTRIES + 1);
    }

    private static List<Open> opens(Path dir, long entries) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreOpenBenchmark.class.getName(),
                dir.toString(), Long.toString(entries)));
        List<Open> opens = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out;
            try {
                // the child prints one line, well within a pipe's buffer: its end comes first, then its output
                int exit = Await.exit("the open in a fresh JVM", StoreBenchmark.PATIENCE, process);
                out = new String(process.getInputStream().readAllBytes(), UTF_8).trim();
                if (exit != 0) {
                    throw new IllegalStateException("the open in a fresh JVM failed: " + out);
                }
            } finally {
                Await.destroyed(process);
            }
            String[] fields = out.split(" ");
            opens.add(new Open(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2]), Long.parseLong(fields[3]), Long.parseLong(fields[4])));
        }
        return opens;
    }

    // In the fresh JVM: open the store (timed, and the opening thread's CPU time), close it, open it again
    // (timed: the same work with the code compiled), check it and print "millis cpuMillis warmMillis
    // heapBefore heapAfter", the heap measured with the second store open.
    private static void openOnce(Path dir, long expected) {
        long before = usedHeap();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        double millis;
        double cpuMillis;
        try (FileVaultStore store = FileVaultStore.open(StoreBenchmark.location(dir), OpenOptions.of(Clock.system()))) {
            millis = (System.nanoTime() - started) / 1e6;
            cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            check(store, expected);
        }
        long again = System.nanoTime();
        try (FileVaultStore store = FileVaultStore.open(StoreBenchmark.location(dir), OpenOptions.of(Clock.system()))) {
            double warmMillis = (System.nanoTime() - again) / 1e6;
            check(store, expected);
            System.out.println(millis + " " + cpuMillis + " " + warmMillis + " " + before + " " + usedHeap());
        }
    }

    private static void check(FileVaultStore store, long expected) {
        long entries = store.repository().view().entryCount(ORG);
        if (entries != expected) {
            throw new IllegalStateException("opened " + entries + " entries, expected " + expected);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long newestSegment(Path dataDir) throws IOException {
        List<Long> segments = JournalSegment.list(new RealFileIo(), dataDir);
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1);
    }

    // The checkpoints and journal segments, with their sizes.
    static String files(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(StoreBenchmark.location(dir).dataDir())) {
            for (Path file : list.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("checkpoint") || name.startsWith("journal.")) {
                    files.add(name + " " + size(Files.size(file)));
                }
            }
        }
        return String.join(", ", files);
    }

    private static String size(long bytes) {
        return bytes < 1048576 ? String.format("%.1f KiB", bytes / 1024.0) : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
