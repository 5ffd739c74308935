package io.offlinevault.app.bench;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.http.codec.SnapshotFiles;
import io.offlinevault.http.codec.WireJson;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The snapshot benchmark of docs/BENCHMARKS.md: a snapshot of N resources with P vault placeholders
 * read from its JSON bytes, registered in an encrypted file store, checked (missing), dry-run and
 * applied, each step timed over several rounds (median). Run by {@code bench/snapshot.sh}.
 * Arguments: resources placeholders rounds work-dir.
 */
public final class SnapshotBenchmark {
    private static final OrganizationId ORG = OrganizationId.of("benchorg");

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int resources = Integer.parseInt(args[0]);
        int placeholders = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        byte[][] upload = {WireJson.write(document(resources, placeholders))};
        long jsonBytes = upload[0].length;
        System.out.printf("snapshot: %d resources, %d placeholders, %.1f MiB of JSON, max heap %d MiB%n", resources,
                placeholders, jsonBytes / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
        Map<String, List<Long>> timings = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createDirectories(work.resolve("round-" + round));
            StoreLocation location = StoreLocation.of(dir.resolve("data"), dir.resolve("vault.key"));
            try (FileVaultStore store = FileVaultStore.openOrCreate(location, () -> SecretValue.of("ovt_" + "B".repeat(43)),
                    OpenOptions.of(Clock.system())).store()) {
                VaultEntryService entries = new VaultEntryService(store.repository());
                SnapshotService snapshots = new SnapshotService(store.repository(), Clock.system(), IdGenerator.secure());
                Caller owner = Caller.owner();
                // the server drops the request body once it is read; so does each round
                if (upload[0] == null) {
                    upload[0] = WireJson.write(document(resources, placeholders));
                }
                SnapshotContent content = time(timings, "read JSON", () -> SnapshotFiles.read(upload[0], Optional.empty(),
                        "bench.json"));
                upload[0] = null;
                Snapshot snapshot = time(timings, "register (encrypted blob + checkpoint)",
                        () -> snapshots.register(owner, ORG, content, "bench"));
                int missing = time(timings, "missing (none created yet)",
                        () -> entries.missing(owner, ORG, snapshot.id())).missing().size();
                time(timings, "dry run, all entries missing", () -> snapshots.dryRun(owner, ORG, snapshot.id(),
                        DeletionOptions.keepMissing()));
                for (int i = 0; i < placeholders; i++) {
                    entries.create(owner, ORG, EntryDraft.empty().withKey(key(i)).withValue("secret-" + i));
                }
                SnapshotReport dry = time(timings, "dry run, ready", () -> snapshots.dryRun(owner, ORG, snapshot.id(),
                        DeletionOptions.keepMissing()));
                SnapshotReport apply = time(timings, "apply (resources + report committed)",
                        () -> snapshots.apply(owner, ORG, snapshot.id(), DeletionOptions.keepMissing()));
                time(timings, "second apply, all unchanged", () -> snapshots.apply(owner, ORG, snapshot.id(),
                        DeletionOptions.keepMissing()));
                if (missing != placeholders || !dry.resultCode().equals("SUCCESS") || !apply.resultCode().equals("SUCCESS")) {
                    throw new IllegalStateException("unexpected result: " + missing + " missing, " + dry.resultCode()
                            + ", " + apply.resultCode());
                }
            }
        }
        System.out.println("| step | median ms | min ms | max ms |");
        System.out.println("|---|---:|---:|---:|");
        timings.forEach((step, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("| %s | %d | %d | %d |%n", step, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        });
    }

    private static <T> T time(Map<String, List<Long>> timings, String step, Supplier<T> work) {
        long started = System.nanoTime();
        T result = work.get();
        timings.computeIfAbsent(step, s -> new ArrayList<>()).add((System.nanoTime() - started) / 1_000_000);
        if (Boolean.getBoolean("bench.heap")) {
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("  after %s: %d MiB of heap in use%n", step, (runtime.totalMemory() - runtime.freeMemory()) / 1048576);
        }
        return result;
    }

    private static String key(int i) {
        return "source_" + (i % 997) + "-configuration.parameters.Secret" + i + ".value";
    }

    // Resources of four types; the first `placeholders` resources each reference one vault entry, the rest none.
    private static Map<String, Object> document(int resources, int placeholders) {
        Map<String, List<Object>> byType = new LinkedHashMap<>();
        List<String> types = Arrays.asList("SOURCE", "FIELD", "EXTENSION", "QUERY_PIPELINE");
        for (int i = 0; i < resources; i++) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", "resource " + i);
            model.put("description", "x".repeat(200));
            model.put("configuration", Map.of("parameters", Map.of("Secret" + i, Map.of("sensitive", i < placeholders,
                    "value", i < placeholders ? "{{ VAULT." + key(i) + " }}" : "plain value " + i)),
                    "addressPatterns", List.of(Map.of("expression", "*", "patternType", "Wildcard", "allowed", true))));
            model.put("weights", List.of(1, 2.5, 3));
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("resourceName", "resource_" + i);
            resource.put("parents", Map.of());
            resource.put("model", model);
            byType.computeIfAbsent(types.get(i % types.size()), t -> new ArrayList<>()).add(resource);
        }
        return Map.of("metadata", Map.of("schemaVersion", "v1"), "resources", byType);
    }
}
