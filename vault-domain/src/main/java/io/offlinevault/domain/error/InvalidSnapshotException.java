package io.offlinevault.domain.error;

/** A snapshot file is unreadable or not of the snapshot shape; the message names the file and place. */
public final class InvalidSnapshotException extends VaultException {
    private static final long serialVersionUID = 1L;

    public InvalidSnapshotException(String message) {
        super(ErrorCode.INVALID_SNAPSHOT, message);
    }
}
