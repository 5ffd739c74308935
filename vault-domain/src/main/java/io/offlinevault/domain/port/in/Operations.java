package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import java.util.Set;

/**
 * Operating a vault as its administrator: what it holds, whether its files are sound, a consistent copy and a
 * new data key (the command line's {@code verify}, {@code backup} and {@code rotate}; API.md 6's admin routes).
 * Each needs every privilege in every organization. An ephemeral vault has no files: it answers {@link #info}
 * alone. Thread-safe.
 */
public interface Operations {
    /** What a vault may do besides {@link #info}: an ephemeral vault nothing, a store on disk the rest. */
    enum Operation {
        /** {@link #verify}. */
        VERIFY,
        /** {@link #backup}, where backups have a place. */
        BACKUP,
        /** {@link #rotate}. */
        ROTATE
    }

    /** {@return the operations this vault offers; the others throw NotFoundException} Needs no privilege. */
    Set<Operation> available();

    /** {@return what the vault holds, per organization, and where its store stands} */
    VaultInfo info(Caller caller);

    /**
     * {@return what a check of every file of the vault found} Writes nothing.
     *
     * @throws io.offlinevault.domain.error.NotFoundException when the vault is ephemeral
     */
    VerifyReport verify(Caller caller);

    /**
     * Copies the vault, consistent as of its last commit, to {@code destination} (a new directory), checked by
     * reading it back; never with a key. {@return what it copied}
     *
     * @throws io.offlinevault.domain.error.NotFoundException when the vault is ephemeral
     */
    BackupReport backup(Caller caller, String destination);

    /**
     * Seals what follows under a new data key; everything written before stays readable. {@return the new key
     * term}
     *
     * @throws io.offlinevault.domain.error.NotFoundException when the vault is ephemeral
     */
    int rotate(Caller caller);
}
