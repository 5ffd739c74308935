package io.offlinevault.app.cli;

import io.offlinevault.app.remote.RemoteVault;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.in.Platform;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.domain.port.in.VaultEntries;

/**
 * The inbound ports a command that may run against a server calls: those of a local vault ({@link Ports}) or those
 * of a running server ({@link RemoteVault}), the same interfaces either way. A command that must stay local (one
 * that reads values other than PUBLIC) takes {@link Ports} instead.
 */
public record VaultPorts(VaultEntries entries, EntryImports imports, Snapshots snapshots, SnapshotChecks checks,
                         Tokens tokens, Operations operations, Platform platform) {
    static VaultPorts of(Ports local) {
        return new VaultPorts(local.entries(), local.imports(), local.snapshots(), local.checks(), local.tokens(),
                local.operations(), local.platform());
    }

    static VaultPorts of(RemoteVault server) {
        return new VaultPorts(server.entries(), server.imports(), server.snapshots(), server.checks(),
                server.tokens(), server.operations(), server.platform());
    }
}
