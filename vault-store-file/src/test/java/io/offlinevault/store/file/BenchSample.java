package io.offlinevault.store.file;

import java.util.Arrays;

/**
 * One measurement of {@link StoreBenchmark}'s: each operation's latency, the part of it spent outside the force that
 * made it durable (where measured), the wall time of all of them and the forces they took. The part outside the force
 * is what an operation does in series with the disk's flush: for the limit, its write; for a create, everything (the
 * checks, encoding, encryption, the write, the publication). It is what the single writer's target depends on, and it
 * moves far less from run to run than the disk's rate, which other programs' I/O on a shared disk sets.
 */
record BenchSample(long[] sortedNanos, long[] sortedOutsideForceNanos, long elapsedNanos, long forces) {
    static BenchSample of(long[] nanos, long[] outsideForceNanos, long elapsedNanos, long forces) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long[] outside = outsideForceNanos.clone();
        Arrays.sort(outside);
        return new BenchSample(sorted, outside, elapsedNanos, forces);
    }

    double perSecond() {
        return sortedNanos.length * 1e9 / elapsedNanos;
    }

    double millis(double quantile) {
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    double p50() {
        return millis(0.50);
    }

    double p99() {
        return millis(0.99);
    }

    double perForce() {
        return sortedNanos.length / (double) forces;
    }

    /** {@return the median µs an operation spent outside its force; NaN where that was not measured} */
    double outsideForceMicros() {
        return sortedOutsideForceNanos.length == 0 ? Double.NaN
                : sortedOutsideForceNanos[(sortedOutsideForceNanos.length - 1) / 2] / 1e3;
    }

    /** Latencies, time and forces summed over blocks. Not thread-safe. */
    static final class Timings {
        private long[] nanos = new long[0];
        private long[] outsideForceNanos = new long[0];
        private long elapsedNanos;
        private long forces;

        /** {@code blockOutsideForceNanos}: empty where the block does not measure it. */
        void add(long[] blockNanos, long[] blockOutsideForceNanos, long blockElapsedNanos, long blockForces) {
            nanos = concat(nanos, blockNanos);
            outsideForceNanos = concat(outsideForceNanos, blockOutsideForceNanos);
            elapsedNanos += blockElapsedNanos;
            forces += blockForces;
        }

        BenchSample sample() {
            return BenchSample.of(nanos, outsideForceNanos, elapsedNanos, forces);
        }

        private static long[] concat(long[] head, long[] tail) {
            long[] all = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        }
    }
}
