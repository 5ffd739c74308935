package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.PayloadTooLargeException;
import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StoreErrors}: each factory gives its code and its remedy, and never quotes the message of the exception
 * that caused it (a path or file content such as {@value #SENTINEL}).
 */
class StoreErrorsTest {
    private static final String SENTINEL = "SENTINEL-SECRET";
    private static final Path DIR = Path.of("/srv/vault/data");
    private static final Path KEY_FILE = Path.of("/srv/vault/vault.key");

    static Stream<Arguments> factories() {
        IOException plain = new IOException(SENTINEL);
        AccessDeniedException denied = new AccessDeniedException("/tmp/" + SENTINEL, null, "Permission denied");
        NoSuchFileException absent = new NoSuchFileException("/tmp/" + SENTINEL);
        return Stream.of(
                Arguments.of(StoreErrors.writeFailed("the blob", plain), ErrorCode.STORE_WRITE_FAILED,
                        "The blob could not be written (IOException): check the disk"),
                Arguments.of(StoreErrors.writeFailed("the blob", new FileSystemException("/tmp/" + SENTINEL, null,
                        "No space left on device")), ErrorCode.STORE_NO_SPACE, "the disk is full: free some space"),
                Arguments.of(StoreErrors.corrupt("the journal segment 3 has no segment header"), ErrorCode.STORE_CORRUPT,
                        "The journal segment 3 has no segment header: restore the data dir from a backup."),
                Arguments.of(StoreErrors.damaged("the checkpoint", "is truncated (9 bytes)"), ErrorCode.STORE_CORRUPT,
                        "The checkpoint is truncated (9 bytes): it is not a readable file of this store; restore it from"
                                + " a backup (nothing was changed)."),
                Arguments.of(StoreErrors.undecodable("the checkpoint", new RecordCodec.MalformedRecordException(
                        "entry key")), ErrorCode.STORE_CORRUPT, "The checkpoint decrypted but holds a malformed record:"
                        + " entry key: this build cannot read it. Open it with the offline-vault release"),
                Arguments.of(StoreErrors.unreadable("the data dir " + DIR, denied), ErrorCode.STORE_CORRUPT,
                        "The data dir " + DIR + " could not be read (Permission denied): check the disk and its"
                                + " permissions, or restore it from a backup."),
                Arguments.of(StoreErrors.notAKeyFile(KEY_FILE), ErrorCode.STORE_CORRUPT,
                        "pass the key file this vault was created with, or restore it from a backup."),
                Arguments.of(StoreErrors.kdfOutOfBounds("the checkpoint", "memory 1 KiB"), ErrorCode.STORE_CORRUPT,
                        "the passphrase was not tried. Open the vault with its key file, or restore the data dir"),
                Arguments.of(StoreErrors.damagedBackup("the journal segment 2 of the backup is damaged"),
                        ErrorCode.STORE_CORRUPT, "is damaged. Use another backup."),
                Arguments.of(StoreErrors.tampered("the blob x belongs to another vault"), ErrorCode.STORE_TAMPERED,
                        "The blob x belongs to another vault: restore the data dir from a backup you trust."),
                Arguments.of(StoreErrors.tampered("the checkpoint failed authentication", new IOException(SENTINEL)),
                        ErrorCode.STORE_TAMPERED, ": restore the data dir from a backup you trust."),
                Arguments.of(StoreErrors.missing("the checkpoint (" + DIR + ")", absent), ErrorCode.STORE_MISSING,
                        "does not exist: check the path, or restore it from a backup."),
                Arguments.of(StoreErrors.keyFileMissing(KEY_FILE, absent), ErrorCode.STORE_MISSING,
                        "The key file " + KEY_FILE + " does not exist: pass the key file this vault was created with"),
                Arguments.of(StoreErrors.lost("the blob x is missing"), ErrorCode.STORE_MISSING,
                        "The blob x is missing: restore the data dir from a backup."),
                Arguments.of(StoreErrors.lostFromPrevious("the blob x is missing"), ErrorCode.STORE_MISSING,
                        "that checkpoint can no longer be fallen back to."),
                Arguments.of(StoreErrors.fileNotAccessible("the key file " + KEY_FILE, KEY_FILE, denied),
                        ErrorCode.STORE_PERMISSIONS, "(Permission denied): check its owner and run chmod 600 " + KEY_FILE),
                Arguments.of(StoreErrors.directoryNotAccessible("the data dir " + DIR, DIR, plain),
                        ErrorCode.STORE_PERMISSIONS, "(IOException): check its owner and run chmod 700 " + DIR),
                Arguments.of(StoreErrors.keyFileExposed(KEY_FILE, "rw-r--r--"), ErrorCode.STORE_PERMISSIONS,
                        "(mode rw-r--r--), so it is refused: run chmod 600 " + KEY_FILE + " and try again."),
                Arguments.of(StoreErrors.alreadyExists("the key file " + KEY_FILE,
                        new FileAlreadyExistsException("/tmp/" + SENTINEL)), ErrorCode.STORE_CONFLICT,
                        "already exists and is never overwritten: move it away or name another file."),
                Arguments.of(StoreErrors.changedByAnotherProgram("the checkpoint", "replaced"), ErrorCode.STORE_CONFLICT,
                        "nothing was written over it. Stop the other program (a second server on this data dir?), then"
                                + " restart to open what is on disk."),
                Arguments.of(StoreErrors.changedWhileRead("the checkpoint"), ErrorCode.STORE_CONFLICT,
                        "changed size while it was being read: another program is writing to it. Stop the other"
                                + " program"),
                Arguments.of(StoreErrors.vaultTooLarge(11, 10), ErrorCode.STORE_WRITE_FAILED,
                        "nothing was written; delete entries or snapshots you no longer need."),
                Arguments.of(StoreErrors.changeTooLarge(11, 10), ErrorCode.STORE_WRITE_FAILED,
                        "One change is 11 bytes once encoded, over the store's 10-byte limit: nothing was written;"
                                + " split it into smaller requests."),
                Arguments.of(StoreErrors.notLockable(DIR, plain), ErrorCode.STORE_WRITE_FAILED,
                        "keep the data dir on a local file system that supports file locks."),
                Arguments.of(StoreErrors.backupMismatch("generation 2 instead of 3"), ErrorCode.STORE_WRITE_FAILED,
                        "check the disk that holds it; it was removed."),
                Arguments.of(StoreErrors.openInThisProcess(DIR, 42), ErrorCode.STORE_LOCKED,
                        "already open in this process (pid 42): close the store that holds it first."),
                Arguments.of(StoreErrors.openInThisProcess(DIR, 42, new OverlappingFileLockException()),
                        ErrorCode.STORE_LOCKED, "(pid 42) through another path: close the store that holds it first."),
                Arguments.of(StoreErrors.inUse(DIR, "another process (pid 42)"), ErrorCode.STORE_LOCKED,
                        "is in use by another process (pid 42): stop that process, or use another data dir."),
                Arguments.of(StoreErrors.outcomeUnknown("the journal segment 1 could not be synced", plain),
                        ErrorCode.COMMIT_OUTCOME_UNKNOWN, "(IOException): after a restart the last change is wholly"
                                + " present or wholly absent. The store is sealed until it restarts."),
                Arguments.of(StoreErrors.wrongKey("no key file", List.of("its passphrase", "the key file with key id k")),
                        ErrorCode.STORE_WRONG_KEY, "(tried: no key file). The vault accepts its passphrase or the key"
                                + " file with key id k."),
                Arguments.of(StoreErrors.unsupportedVersion("the checkpoint", 9, 1, 2),
                        ErrorCode.STORE_UNSUPPORTED_VERSION, "open it with the offline-vault release that wrote it or a"
                                + " newer one"));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void each_factory_gives_its_code_and_remedy_and_never_its_cause_message(StoreException e, ErrorCode code,
                                                                          String remedy) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(remedy).doesNotContain(SENTINEL);
        assertThat(e.getMessage()).as("one sentence or more, starting with a capital letter")
                .matches("^[A-Z].*[.]$");
    }

    @Test
    void a_store_failure_wrapped_for_a_restore_keeps_its_code() {
        // given
        StoreException failure = StoreErrors.tampered("the checkpoint failed authentication", new IOException(SENTINEL));
        // when
        StoreException refused = StoreErrors.backupDoesNotVerify(DIR, failure);
        StoreException unsynced = StoreErrors.restoreNotSynced(DIR, "no directory", StoreErrors.outcomeUnknown(
                "the data dir could not be synced", new IOException(SENTINEL)));
        // then
        assertThat(refused.code()).isEqualTo(ErrorCode.STORE_TAMPERED);
        assertThat(refused.getMessage()).startsWith("The backup in " + DIR + " does not verify, so nothing was"
                + " restored and nothing changed: The checkpoint failed authentication").doesNotContain(SENTINEL);
        assertThat(unsynced.code()).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN);
        assertThat(unsynced.getMessage()).contains("Run verify to see which").doesNotContain(SENTINEL);
    }

    @Test
    void a_snapshot_too_large_once_encoded_is_payload_too_large_naming_the_limit() {
        PayloadTooLargeException e = StoreErrors.snapshotTooLarge(11, 10);

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("A snapshot content or applied-resource set is 11 bytes once encoded,"
                + " over the store's 10-byte limit: nothing was written; split the snapshot into smaller ones.");
    }

    @Test
    void a_missing_key_file_names_the_keys_the_vault_accepts() {
        StoreException noKeyFits = StoreErrors.wrongKey("no key file", List.of("its passphrase"));

        StoreException e = StoreErrors.keyFileMissing(KEY_FILE, noKeyFits);

        assertThat(e.code()).isEqualTo(ErrorCode.STORE_MISSING);
        assertThat(e.getMessage()).startsWith("The key file " + KEY_FILE + " does not exist: pass the key file")
                .endsWith("The vault accepts its passphrase.");
    }
}
