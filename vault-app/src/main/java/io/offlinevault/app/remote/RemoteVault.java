package io.offlinevault.app.remote;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.in.Platform;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.domain.port.in.VaultEntries;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;

/**
 * The inbound ports of a running server, reached over its HTTP API with one token: the same interfaces the commands
 * call on a local vault, so a command runs the same code against either. Errors come back as the domain exceptions
 * the server's error bodies describe; a server that does not answer is a {@link ServerUnreachableException}. What
 * the API never returns (values other than PUBLIC, token digests) is not here either. Thread-safe.
 */
public final class RemoteVault {
    private final RemoteEntries entries;
    private final RemoteSnapshots snapshots;
    private final RemoteTokens tokens;
    private final RemoteOperations operations;
    private final RemotePlatform platform;

    private RemoteVault(VaultClient client) {
        this.entries = new RemoteEntries(client);
        this.snapshots = new RemoteSnapshots(client);
        this.tokens = new RemoteTokens(client);
        this.operations = new RemoteOperations(client);
        this.platform = new RemotePlatform(client);
    }

    /**
     * {@return the ports of the server at {@code base} (its base URL), called with {@code token}}
     *
     * @param loopback whether {@code base} names this machine: then no proxy is used
     * @param progress where a large upload says how far it got (standard error on a console), or empty
     */
    public static RemoteVault at(URI base, SecretValue token, boolean loopback, Optional<PrintWriter> progress) {
        return new RemoteVault(new VaultClient(base, token, loopback, progress));
    }

    public VaultEntries entries() {
        return entries;
    }

    public EntryImports imports() {
        return entries;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    public SnapshotChecks checks() {
        return snapshots;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Operations operations() {
        return operations;
    }

    public Platform platform() {
        return platform;
    }
}
