package io.offlinevault.app.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.http.codec.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23: snapshot list|get|delete and org list, on the data directory and through a running server. */
class SnapshotListGetDeleteTest {
    @TempDir
    Path root;

    @Test
    void locally() throws Exception {
        OfflineRun vault = new OfflineRun(root, false);
        vault.createVault();
        listGetDelete(args -> vault.vault(args));
    }

    @Test
    void through_a_server_named_by_server() throws Exception {
        OfflineRun vault = new OfflineRun(root.resolve("served"), false);
        vault.createVault();
        Path token = vault.dataDir().resolve("admin.token");
        try (ServeRun serve = ServeRun.start(vault.root(), "--port", "0")) {
            OfflineRun client = new OfflineRun(root.resolve("client"), false);
            String url = "http://127.0.0.1:" + serve.port();
            listGetDelete(args -> {
                List<String> all = new ArrayList<>(List.of(args));
                all.addAll(List.of("--server", url, "--token-file", token.toString()));
                return client.run(all.toArray(String[]::new));
            });
            assertThat(serve.stop()).isZero();
        }
    }

    private void listGetDelete(Function<String[], OfflineRun.Run> offlineVault) throws Exception {
        Path snapshot = Files.writeString(root.resolve("snapshot.json"), "{\"resources\": {\"SOURCE\":"
                + " [{\"resourceName\": \"web\", \"model\": {\"name\": \"web\"}}]}}");
        assertThat(offlineVault.apply(new String[] {"snapshot", "list", "--org", "acme"}).out())
                .isEqualTo("no snapshots in acme\n");
        OfflineRun.Run registered = offlineVault.apply(new String[] {"snapshot", "register", "-f", snapshot.toString(),
            "--org", "acme", "--note", "from staging"});
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        String id = registered.out().strip();

        OfflineRun.Run list = offlineVault.apply(new String[] {"snapshot", "list", "--org", "acme"});
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out()).startsWith("ID").contains(id, "from staging");

        OfflineRun.Run get = offlineVault.apply(new String[] {"snapshot", "get", "--snapshot", id, "--org", "acme"});
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).startsWith("snapshot " + id + " in acme, created ").contains(": from staging",
                "  SOURCE: 1");

        OfflineRun.Run json = offlineVault.apply(new String[] {"snapshot", "get", "--snapshot", id, "--org", "acme",
            "-o", "json"});
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) WireJson.read(json.out().getBytes(StandardCharsets.UTF_8),
                1 << 20, "the output");
        assertThat(model).containsEntry("id", id).containsEntry("developerNote", "from staging");
        Object listed = WireJson.read(offlineVault.apply(new String[] {"snapshot", "list", "--org", "acme",
            "--output", "json"}).out().getBytes(StandardCharsets.UTF_8), 1 << 20, "the output");
        assertThat(listed).isInstanceOf(List.class);
        assertThat((List<?>) listed).hasSize(1);

        OfflineRun.Run orgs = offlineVault.apply(new String[] {"org", "list"});
        assertThat(orgs.exitCode()).as(orgs.err()).isZero();
        assertThat(orgs.out()).isEqualTo("acme\n");
        assertThat(WireJson.read(offlineVault.apply(new String[] {"org", "list", "-o", "json"}).out()
                .getBytes(StandardCharsets.UTF_8), 1 << 20, "the output"))
                .isEqualTo(List.of(Map.of("id", "acme", "displayName", "acme")));

        OfflineRun.Run deleted = offlineVault.apply(new String[] {"snapshot", "delete", "--snapshot", id, "--org",
            "acme"});
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted snapshot " + id + " in acme\n");
        OfflineRun.Run gone = offlineVault.apply(new String[] {"snapshot", "get", "--snapshot", id, "--org", "acme"});
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("No snapshot with id '" + id + "' exists in organization 'acme'.");
    }
}
