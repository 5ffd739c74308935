package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link Operations} over a running server's admin routes (API.md 6). A backup goes into a new directory, named by
 * the command line, under the server's {@code --backup-dir}; a route the server does not offer (no backup dir, an
 * ephemeral vault) answers 404, which comes back as a {@link NotFoundException} that says how to get it.
 */
final class RemoteOperations implements Operations {
    /** What a remote backup report says of the key: the server's, which the command line never sees. */
    static final String SERVER_KEY_FILE = "the server's key file (serve --key-file)";

    private final VaultClient client;

    RemoteOperations(VaultClient client) {
        this.client = requireNonNull(client, "client");
    }

    /** {@return every operation: the server answers 404 for those it does not offer} */
    @Override
    public Set<Operation> available() {
        return EnumSet.allOf(Operation.class);
    }

    @Override
    public VaultInfo info(Caller caller) {
        return RemoteJson.info(client.get("/_offline-vault/info").answer());
    }

    @Override
    public VerifyReport verify(Caller caller) {
        return offered(() -> RemoteJson.verify(client.post("/_offline-vault/verify").answer()),
                "the server keeps its vault in memory (serve --ephemeral): there are no files to verify");
    }

    @Override
    public BackupReport backup(Caller caller, String destination) {
        return offered(() -> RemoteJson.backup(client.post("/_offline-vault/backup").json(Map.of("name", destination))
                .answer()), "the server takes no backups: start it with serve --backup-dir DIR, then give --to NAME,"
                + " a new directory under DIR");
    }

    @Override
    public int rotate(Caller caller) {
        return offered(() -> RemoteJson.keyTerm(client.post("/_offline-vault/rotate").answer()),
                "the server keeps its vault in memory (serve --ephemeral): there is no data key to rotate");
    }

    private static <T> T offered(Supplier<T> call, String notOffered) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw NotFoundException.route(notOffered.substring(0, 1).toUpperCase() + notOffered.substring(1) + ".");
            }
            throw e;
        }
    }
}
