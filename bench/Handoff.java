import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What handing a commit to a writer thread costs a single writer, without any of the store's work: blocks of 100
 * appends of a 270-byte record (a create's journal record) each followed by force(true), alternately done by the
 * calling thread and by a second thread that takes each from a LinkedBlockingQueue and answers through a
 * CompletableFuture, as the store's writer does. Prints, per round of 20 turns, both rates, their ratio and the
 * microseconds the hand-off adds per operation (docs/BENCHMARKS.md, issue 21).
 * Usage: java bench/Handoff.java DIR [ROUNDS]
 */
public final class Handoff {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(args[0]), "handoff");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        byte[] record = new byte[270];
        LinkedBlockingQueue<CompletableFuture<Void>> queue = new LinkedBlockingQueue<>();
        Path inlineFile = dir.resolve("inline");
        Path handedFile = dir.resolve("handed");
        try (FileChannel inline = FileChannel.open(inlineFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
             FileChannel handed = FileChannel.open(handedFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            Thread writer = new Thread(() -> {
                while (true) {
                    CompletableFuture<Void> done;
                    try {
                        done = queue.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        handed.write(ByteBuffer.wrap(record));
                        handed.force(true);
                        done.complete(null);
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                }
            }, "handoff-writer");
            writer.setDaemon(true);
            writer.start();
            for (int round = 0; round < rounds; round++) {
                long inlineNanos = 0;
                long handedNanos = 0;
                for (int turn = 0; turn < 20; turn++) {
                    long started = System.nanoTime();
                    for (int i = 0; i < 100; i++) {
                        inline.write(ByteBuffer.wrap(record));
                        inline.force(true);
                    }
                    long between = System.nanoTime();
                    for (int i = 0; i < 100; i++) {
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        queue.add(done);
                        done.join();
                    }
                    long ended = System.nanoTime();
                    inlineNanos += between - started;
                    handedNanos += ended - between;
                }
                System.out.printf("round %d: inline %.0f ops/s, handed off %.0f ops/s, ratio %.2f, %.1f us more per op%n",
                        round, 2000e9 / inlineNanos, 2000e9 / handedNanos, (double) inlineNanos / handedNanos,
                        (handedNanos - inlineNanos) / 2000 / 1e3);
            }
            writer.interrupt();
        } finally {
            Files.deleteIfExists(inlineFile);
            Files.deleteIfExists(handedFile);
            Files.deleteIfExists(dir);
        }
    }
}
