package io.offlinevault.domain.testing;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.out.Maintenance;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A store on disk for tests: fixed answers (generation 4, key term 2, a verify with one damaged file, key term 3
 * after a rotation), and what it was asked. Not thread-safe.
 */
public final class FakeMaintenance implements Maintenance {
    private final List<String> calls = new ArrayList<>();
    private final Set<Operations.Operation> available;

    /** Offers every operation. */
    public FakeMaintenance() {
        this(EnumSet.allOf(Operations.Operation.class));
    }

    /** Offers {@code available} only. */
    public FakeMaintenance(Set<Operations.Operation> available) {
        this.available = Set.copyOf(available);
    }

    /** {@return what it was asked, in order: "verify", "backup NAME", "rotate"} */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Set<Operations.Operation> available() {
        return available;
    }

    @Override
    public VaultInfo.StorePosition position() {
        return new VaultInfo.StorePosition(4, 2);
    }

    @Override
    public VerifyReport verify() {
        calls.add("verify");
        return new VerifyReport(List.of(
                new VerifyReport.FileCheck("checkpoint", VerifyReport.Part.CURRENT, VerifyReport.Outcome.OK,
                        Optional.empty(), "generation 4"),
                new VerifyReport.FileCheck("journal.3", VerifyReport.Part.PREVIOUS, VerifyReport.Outcome.ERROR,
                        Optional.of(ErrorCode.STORE_CORRUPT), "record 7 is damaged")));
    }

    @Override
    public BackupReport backup(String destination) {
        calls.add("backup " + destination);
        return new BackupReport(destination, 4, 0, 69, 1, 0, 1000, Optional.of("/keys/vault.key"));
    }

    @Override
    public int rotate() {
        calls.add("rotate");
        return 3;
    }
}
