import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The disk's single-writer limit, for bench/http.sh: one thread appends a 300-byte record to a file and forces
 * it (FileChannel.force(true), as the store's journal does), again and again for SECONDS.
 * Prints "RESULT ops/s p50-ms p99-ms 0".
 * Usage: java bench/AppendForce.java DIR SECONDS
 */
public final class AppendForce {
    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile(Path.of(args[0]), "append-force", ".bin");
        long seconds = Long.parseLong(args[1]);
        byte[] record = new byte[300];
        Arrays.fill(record, (byte) 'x');
        long[] latencies = new long[1 << 22];
        int count = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long started = System.nanoTime();
            long end = started + seconds * 1_000_000_000L;
            long now = started;
            while (now < end && count < latencies.length) {
                long before = now;
                channel.write(ByteBuffer.wrap(record));
                channel.force(true);
                now = System.nanoTime();
                latencies[count++] = now - before;
            }
            double elapsed = (now - started) / 1e9;
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            System.out.printf("RESULT %.1f %.3f %.3f 0%n", count / elapsed, sorted[count / 2] / 1e6,
                    sorted[(int) (count * 0.99)] / 1e6);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
