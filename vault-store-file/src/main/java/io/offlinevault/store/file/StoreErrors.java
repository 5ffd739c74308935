package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.PayloadTooLargeException;
import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one place store errors are worded: each factory fixes an error code and the remedy it tells the user, and
 * the store builds every {@link StoreException} through one of them. Messages name the file and what to do,
 * quote the operating system's reason (such as "No space left on device") but never a key, a value, a
 * passphrase or an exception's own message, which may quote file content.
 */
final class StoreErrors {
    private static final String NO_SPACE = "no space left on device";
    private static final String RESTORE_DATA_DIR = "restore the data dir from a backup";
    private static final String PASS_KEY_FILE = "pass the key file this vault was created with";
    private static final String STOP_OTHER_PROGRAM = "Stop the other program (a second server on this data dir?)";

    private StoreErrors() {
    }

    /**
     * {@return STORE_NO_SPACE for a full disk, else STORE_WRITE_FAILED; for a step before any commit point} The
     * message names {@code what}; callers name no path in it, since it reaches HTTP answers.
     */
    static StoreException writeFailed(String what, IOException cause) {
        if (isDiskFull(cause)) {
            return noSpace(what, cause);
        }
        return new StoreException(ErrorCode.STORE_WRITE_FAILED,
                capitalize(what) + " could not be written (" + reason(cause) + "): check the disk and the"
                        + " permissions of its directory, then try again (nothing was changed).", cause);
    }

    private static StoreException noSpace(String what, IOException cause) {
        return new StoreException(ErrorCode.STORE_NO_SPACE,
                capitalize(what) + " could not be written because the disk is full: free some space on the disk"
                        + " that holds the data dir, then try again (nothing was changed; every change already"
                        + " acknowledged is kept).", cause);
    }

    /**
     * {@return the ERROR line for a store that sealed itself for {@code cause}} It names the code, the I/O cause
     * (its type and the operating system's reason) and the recovery; never an exception's message, a value or a path.
     */
    static String sealedLogLine(StoreException cause) {
        return "the store sealed itself (" + cause.code() + ")" + causeOf(cause) + "; every request is refused with"
                + " 503 until a restart. To recover: " + recovery(cause.code());
    }

    /** {@return the ERROR line for {@code event} ("a commit's journal write failed") that failed with {@code failure}} */
    static String failedWriteLogLine(String event, StoreException failure) {
        return event + " (" + failure.code() + ")" + causeOf(failure) + "; the store stays open. To recover: "
                + recovery(failure.code());
    }

    /** {@return whether {@code failure} comes from an I/O error: a write the disk refused, worth an ERROR line} */
    static boolean fromIo(StoreException failure) {
        return ioCause(failure) != null;
    }

    // The step a user takes, worded as vault-app's Recovery words it for a store that does not open.
    private static String recovery(ErrorCode code) {
        return switch (code) {
            case STORE_NO_SPACE -> "free some space on the disk that holds the data dir; later writes then succeed"
                    + " (nothing acknowledged was lost)";
            case COMMIT_OUTCOME_UNKNOWN -> "check the disk and the file system that hold the data dir, then restart"
                    + " the server (offline-vault serve with the same --data-dir and --key-file); the last change is"
                    + " then wholly present or wholly absent";
            case STORE_CONFLICT -> STOP_OTHER_PROGRAM.toLowerCase(Locale.ROOT) + ", then restart the server"
                    + " (offline-vault serve with the same --data-dir and --key-file) to open what is on disk";
            default -> "check the disk and the file system that hold the data dir, and the permissions of its"
                    + " directory, then try again";
        };
    }

    private static String causeOf(StoreException failure) {
        IOException io = ioCause(failure);
        return io == null ? "" : ", cause " + io.getClass().getName() + " (" + reason(io) + ")";
    }

    private static IOException ioCause(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return (IOException) t;
            }
        }
        return null;
    }

    /** {@return STORE_CORRUPT for damage found inside the data dir: "{@code problem}: restore the data dir..."} */
    static StoreException corrupt(String problem) {
        return new StoreException(ErrorCode.STORE_CORRUPT, capitalize(problem) + ": " + RESTORE_DATA_DIR + ".");
    }

    /** {@return STORE_CORRUPT for a file that is not one this store writes, such as "the checkpoint is truncated"} */
    static StoreException damaged(String what, String problem) {
        return new StoreException(ErrorCode.STORE_CORRUPT, capitalize(what) + " " + problem
                + ": it is not a readable file of this store; restore it from a backup (nothing was changed).");
    }

    /**
     * {@return STORE_CORRUPT for {@code what} that decrypted but does not decode} The exception's message is
     * quoted: the codec words it from field names alone ("malformed record: entry key"), never from content.
     */
    static StoreException undecodable(String what, RecordCodec.MalformedRecordException cause) {
        return new StoreException(ErrorCode.STORE_CORRUPT, capitalize(what) + " decrypted but holds a "
                + cause.getMessage() + ": this build cannot read it. Open it with the offline-vault release that"
                + " wrote it, or " + RESTORE_DATA_DIR + ".", cause);
    }

    /** {@return STORE_CORRUPT for a file or directory whose reading failed with an I/O error} */
    static StoreException unreadable(String what, IOException cause) {
        return new StoreException(ErrorCode.STORE_CORRUPT, capitalize(what) + " could not be read (" + reason(cause)
                + "): check the disk and its permissions, or restore it from a backup.", cause);
    }

    /** {@return STORE_CORRUPT for a key file whose content is not a key; never quotes that content} */
    static StoreException notAKeyFile(Path keyFile) {
        return new StoreException(ErrorCode.STORE_CORRUPT, "The key file " + keyFile + " is not a key file of this"
                + " store (expected one line holding the base64 of 32 bytes): " + PASS_KEY_FILE + ", or restore it"
                + " from a backup.");
    }

    /** {@return STORE_CORRUPT for a passphrase slot asking for Argon2id {@code problem}, refused before any run} */
    static StoreException kdfOutOfBounds(String what, String problem) {
        return new StoreException(ErrorCode.STORE_CORRUPT, capitalize(what) + " asks for Argon2id " + problem
                + ", outside what this store accepts: the passphrase was not tried. Open the vault with its key"
                + " file, or " + RESTORE_DATA_DIR + ".");
    }

    /** {@return STORE_CORRUPT for a backup that cannot be restored as it is: "{@code problem}. Use another backup."} */
    static StoreException damagedBackup(String problem) {
        return new StoreException(ErrorCode.STORE_CORRUPT, capitalize(problem) + ". Use another backup.");
    }

    /** {@return STORE_TAMPERED for authentic-looking bytes that fail authentication or name another vault} */
    static StoreException tampered(String problem) {
        return new StoreException(ErrorCode.STORE_TAMPERED, tamperedMessage(problem));
    }

    /** {@return STORE_TAMPERED as {@link #tampered(String)}, keeping the failed check as its cause} */
    static StoreException tampered(String problem, Exception cause) {
        return new StoreException(ErrorCode.STORE_TAMPERED, tamperedMessage(problem), cause);
    }

    /** {@return STORE_MISSING for a file or directory named by a path that does not exist} */
    static StoreException missing(String what, NoSuchFileException cause) {
        return new StoreException(ErrorCode.STORE_MISSING, capitalize(what)
                + " does not exist: check the path, or restore it from a backup.", cause);
    }

    /** {@return STORE_MISSING for a key file that does not exist} */
    static StoreException keyFileMissing(Path keyFile, NoSuchFileException cause) {
        return new StoreException(ErrorCode.STORE_MISSING, "The key file " + keyFile + " does not exist: "
                + PASS_KEY_FILE + " (a new vault creates one).", cause);
    }

    /**
     * {@return STORE_MISSING for a key file that does not exist, when no other key opened the vault either}
     * Quotes {@code noKeyFits}: a store message, which names the keys the vault accepts and never a secret.
     */
    static StoreException keyFileMissing(Path keyFile, StoreException noKeyFits) {
        return new StoreException(ErrorCode.STORE_MISSING, "The key file " + keyFile + " does not exist: "
                + PASS_KEY_FILE + ", or another key it accepts. " + noKeyFits.getMessage(), noKeyFits);
    }

    /** {@return STORE_MISSING for a store file the vault needs that is gone; the remedy is a restore} */
    static StoreException lost(String problem) {
        return new StoreException(ErrorCode.STORE_MISSING, capitalize(problem) + ": " + RESTORE_DATA_DIR + ".");
    }

    /** {@return STORE_MISSING for a file that only the previous checkpoint needs} */
    static StoreException lostFromPrevious(String problem) {
        return new StoreException(ErrorCode.STORE_MISSING, capitalize(problem)
                + ": that checkpoint can no longer be fallen back to.");
    }

    /** {@return STORE_PERMISSIONS for a file this user cannot read or inspect} */
    static StoreException fileNotAccessible(String what, Path file, IOException cause) {
        return new StoreException(ErrorCode.STORE_PERMISSIONS, capitalize(what) + " is not accessible ("
                + reason(cause) + "): check its owner and run chmod 600 " + file + ".", cause);
    }

    /** {@return STORE_PERMISSIONS for a directory this user cannot list, resolve or create files in} */
    static StoreException directoryNotAccessible(String what, Path dir, IOException cause) {
        return new StoreException(ErrorCode.STORE_PERMISSIONS, capitalize(what) + " is not accessible ("
                + reason(cause) + "): check its owner and run chmod 700 " + dir + ".", cause);
    }

    /** {@return STORE_PERMISSIONS for a key file that group or others may read or write ({@code mode}: rw-r--r--)} */
    static StoreException keyFileExposed(Path keyFile, String mode) {
        return new StoreException(ErrorCode.STORE_PERMISSIONS, "The key file " + keyFile + " may be read or written"
                + " by other users (mode " + mode + "), so it is refused: run chmod 600 " + keyFile
                + " and try again.");
    }

    /** {@return STORE_CONFLICT for a file the store would create that already exists; {@code cause} may be null} */
    static StoreException alreadyExists(String what, IOException cause) {
        return new StoreException(ErrorCode.STORE_CONFLICT, capitalize(what)
                + " already exists and is never overwritten: move it away or name another file.", cause);
    }

    /** {@return STORE_CONFLICT for a store file another program {@code change} ("replaced, deleted or touched")} */
    static StoreException changedByAnotherProgram(String what, String change) {
        return new StoreException(ErrorCode.STORE_CONFLICT, capitalize(what) + " was " + change + " by another"
                + " program while this store had it open: nothing was written over it. " + STOP_OTHER_PROGRAM
                + ", then restart to open what is on disk.");
    }

    /** {@return STORE_CONFLICT for a file whose size changed while it was read} */
    static StoreException changedWhileRead(String what) {
        return new StoreException(ErrorCode.STORE_CONFLICT, capitalize(what) + " changed size while it was being"
                + " read: another program is writing to it. " + STOP_OTHER_PROGRAM + ", then try again.");
    }

    /**
     * {@return PAYLOAD_TOO_LARGE (413) for a snapshot content or applied-resource set over the blob limit} A valid
     * upload under the body limit can encode to more than it: the request, not the store, is at fault.
     */
    static PayloadTooLargeException snapshotTooLarge(long bytes, long limit) {
        return PayloadTooLargeException.whenStored("A snapshot content or applied-resource set", bytes, limit,
                "split the snapshot into smaller ones");
    }

    /** {@return STORE_WRITE_FAILED for a vault whose checkpoint would be over the checkpoint limit} */
    static StoreException vaultTooLarge(long bytes, long limit) {
        return tooLarge("the vault would be", bytes, limit, "delete entries or snapshots you no longer need");
    }

    /** {@return STORE_WRITE_FAILED for one commit whose journal record would be over the record limit} */
    static StoreException changeTooLarge(long bytes, long limit) {
        return tooLarge("one change is", bytes, limit, "split it into smaller requests");
    }

    /** {@return STORE_WRITE_FAILED for a data dir on a file system without working file locks} */
    static StoreException notLockable(Path dataDir, IOException cause) {
        return new StoreException(ErrorCode.STORE_WRITE_FAILED, "The data dir " + dataDir + " could not be locked ("
                + reason(cause) + "): keep the data dir on a local file system that supports file locks.", cause);
    }

    /**
     * {@return STORE_WRITE_FAILED for a data dir on a read-only file system} Said plainly, instead of advice about
     * file locks: only {@code verify}, which writes nothing, works there.
     */
    static StoreException readOnly(Path dataDir, IOException cause) {
        return new StoreException(ErrorCode.STORE_WRITE_FAILED, "The data dir " + dataDir + " is on a read-only file"
                + " system: nothing can be written there, so the vault cannot be opened (offline-vault verify still"
                + " checks it). Remount the file system read-write, or copy the data dir to a writable disk.", cause);
    }

    /** {@return whether {@code cause} says the file system is mounted read-only (EROFS)} */
    static boolean isReadOnly(IOException cause) {
        return cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                && fileSystem.getReason().toLowerCase(Locale.ROOT).contains("read-only file system");
    }

    /** {@return STORE_WRITE_FAILED for a backup whose read-back differs from the vault; the backup is removed} */
    static StoreException backupMismatch(String difference) {
        return new StoreException(ErrorCode.STORE_WRITE_FAILED, "The backup read back differs from the vault ("
                + difference + "): check the disk that holds it; it was removed.");
    }

    /** {@return STORE_LOCKED for a data dir that a store of this process holds} */
    static StoreException openInThisProcess(Path dataDir, long pid) {
        return new StoreException(ErrorCode.STORE_LOCKED, openHere(dataDir, pid, ""));
    }

    /** {@return STORE_LOCKED for a data dir that this process already locks through another path (a bind mount)} */
    static StoreException openInThisProcess(Path dataDir, long pid, OverlappingFileLockException cause) {
        return new StoreException(ErrorCode.STORE_LOCKED, openHere(dataDir, pid, " through another path"), cause);
    }

    /** {@return STORE_LOCKED for a data dir that {@code holder} ("another process (pid 42)") locks} */
    static StoreException inUse(Path dataDir, String holder) {
        return new StoreException(ErrorCode.STORE_LOCKED, "The data dir " + dataDir + " is in use by " + holder
                + ": stop that process, or use another data dir.");
    }

    /** {@return COMMIT_OUTCOME_UNKNOWN for a failure after a commit point; the store seals} */
    static StoreException outcomeUnknown(String problem, IOException cause) {
        return new StoreException(ErrorCode.COMMIT_OUTCOME_UNKNOWN, capitalize(problem) + " (" + reason(cause)
                + "): after a restart the last change is wholly present or wholly absent. The store is sealed until"
                + " it restarts.", cause);
    }

    /** {@return STORE_WRONG_KEY naming the keys {@code tried} (paths and key ids) and the ones the vault accepts} */
    static StoreException wrongKey(String tried, List<String> accepted) {
        return new StoreException(ErrorCode.STORE_WRONG_KEY, "None of the keys given opens this vault (tried: "
                + tried + "). The vault accepts " + String.join(" or ", accepted) + ".");
    }

    /** {@return STORE_UNSUPPORTED_VERSION for a file of a format version outside {@code oldest} to {@code newest}} */
    static StoreException unsupportedVersion(String what, int version, int oldest, int newest) {
        return new StoreException(ErrorCode.STORE_UNSUPPORTED_VERSION, capitalize(what) + " has format version "
                + version + ", which this build cannot read (it reads versions " + oldest + " to " + newest + "): open"
                + " it with the offline-vault release that wrote it or a newer one; if none did, the file is damaged"
                + " and must be restored from a backup.");
    }

    /** {@return {@code failure}'s code, saying that the backup in {@code source} was refused before any change} */
    static StoreException backupDoesNotVerify(Path source, StoreException failure) {
        return new StoreException(failure.code(), "The backup in " + source + " does not verify, so nothing was"
                + " restored and nothing changed: " + failure.getMessage(), failure);
    }

    /**
     * {@return {@code failure}'s code, for a restore whose final directory sync failed} {@code aside} names where
     * the old store files went.
     */
    static StoreException restoreNotSynced(Path dataDir, String aside, StoreException failure) {
        return new StoreException(failure.code(), "The data dir " + dataDir + " could not be synced after the"
                + " restored checkpoint replaced the old one: after a power loss it holds the old vault or the restored"
                + " one, never a mix. Run verify to see which; the old store files are also in " + aside + ".",
                failure);
    }

    /** {@return whether {@code cause} says the device is full (the JDK has no type for ENOSPC)} */
    static boolean isDiskFull(IOException cause) {
        // FileChannel.write raises a plain IOException whose message is the OS's text; it is only compared here
        String reason = cause instanceof FileSystemException ? ((FileSystemException) cause).getReason()
                : cause.getClass() == IOException.class ? cause.getMessage() : null;
        return reason != null && reason.toLowerCase(Locale.ROOT).contains(NO_SPACE);
    }

    /** {@return the operating system's reason for {@code cause}, or its type when there is none} */
    static String reason(IOException cause) {
        if (isDiskFull(cause)) {
            return "No space left on device";
        }
        if (cause instanceof FileSystemException) {
            String reason = ((FileSystemException) cause).getReason();
            if (reason != null && !reason.isBlank()) {
                return reason;
            }
        }
        return cause.getClass().getSimpleName();
    }

    /** {@return {@code text} with its first letter upper-cased, so that "the checkpoint" starts a sentence} */
    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String tamperedMessage(String problem) {
        return capitalize(problem) + ": " + RESTORE_DATA_DIR + " you trust.";
    }

    private static String openHere(Path dataDir, long pid, String how) {
        return "The data dir " + dataDir + " is already open in this process (pid " + pid + ")" + how
                + ": close the store that holds it first.";
    }

    private static StoreException tooLarge(String what, long bytes, long limit, String remedy) {
        return new StoreException(ErrorCode.STORE_WRITE_FAILED, capitalize(what) + " " + bytes + " bytes once"
                + " encoded, over the store's " + limit + "-byte limit: nothing was written; " + remedy + ".");
    }
}
