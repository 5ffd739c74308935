package io.offlinevault.domain.port.out;

import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import java.util.Set;

/**
 * What a vault's storage does besides commits, for {@link io.offlinevault.domain.port.in.Operations}: where it
 * stands, a check of its files, a consistent copy and a new data key. Only a store on disk has one. Each method
 * fails with the store's own error ({@link io.offlinevault.domain.error.StoreException}), whose message says
 * what to do.
 */
public interface Maintenance {
    /** {@return what this store offers: verify and rotate, and backup where backups have a place} */
    Set<Operations.Operation> available();

    /** {@return the generation of the newest checkpoint and the current key term} */
    VaultInfo.StorePosition position();

    /** {@return what a check of every file found} Writes nothing. */
    VerifyReport verify();

    /** {@return what a consistent copy to the new directory {@code destination} holds} */
    BackupReport backup(String destination);

    /** {@return the key term new data is sealed under after a rotation} */
    int rotate();
}
