package io.offlinevault.http;

import java.lang.management.ManagementFactory;

/**
 * The CPU that the router spends on one request, without a socket: GET by key, list pageSize=100 and create through
 * {@link Api} (the real router on an in-memory vault of 10,000 entries), in process CPU time (every thread, the
 * access log's included), so that other load on the machine changes little. Not a test: run its main with the test
 * classpath (docs/BENCHMARKS.md, issue 21) on two builds to compare them.
 */
public final class RouterBenchmark {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";

    private RouterBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Api api = new Api();
        StringBuilder seed = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            seed.append(i == 0 ? "" : ",").append("{\"key\":\"bench.k").append(String.format("%05d", i))
                    .append("\",\"value\":\"").append("v".repeat(200)).append("\",\"vaultVisibilityType\":\"OBFUSCATED\"}");
        }
        check(api.admin("POST", ENTRIES + "/import", seed.append(']').toString()), 200);
        int[] created = {0};
        for (int round = 0; round <= rounds; round++) {
            String when = round == 0 ? "warm-up" : "round " + round;
            long get = cpuPerRequest(20_000, i -> check(api.admin("GET", ENTRIES + "/bench.k" + String.format("%05d", i % 10_000),
                    null), 200));
            long list = cpuPerRequest(2_000, i -> check(api.admin("GET", ENTRIES + "?pageSize=100&page=" + (i % 100), null), 200));
            long create = cpuPerRequest(5_000, i -> check(api.admin("POST", ENTRIES, "{\"key\":\"c" + (created[0]++)
                    + "\",\"value\":\"" + "v".repeat(200) + "\",\"vaultVisibilityType\":\"OBFUSCATED\"}"), 201));
            System.out.printf("%s: CPU ns per request: GET by key %d, list pageSize=100 %d, create (in memory) %d%n",
                    when, get, list, create);
        }
    }

    private static long cpuPerRequest(int requests, java.util.function.IntConsumer request) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        for (int i = 0; i < requests; i++) {
            request.accept(i);
        }
        return (os.getProcessCpuTime() - before) / requests;
    }

    private static void check(Api.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("status " + answer.status() + ", expected " + status);
        }
    }
}
