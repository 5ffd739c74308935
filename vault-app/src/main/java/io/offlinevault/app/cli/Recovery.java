package io.offlinevault.app.cli;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.store.file.StoreLocation;
import java.util.regex.Pattern;

/** What to do about a store that does not open, as the log prints it next to the store's own message. */
public final class Recovery {
    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_./:@%+=,~-]+");

    private Recovery() {
    }

    /** {@return the step that recovers a store sealed for {@code reason}, then the command that starts it again} */
    public static String of(ErrorCode reason, StoreLocation location) {
        return "to recover: " + step(reason) + "; then run: offline-vault serve --data-dir "
                + quoted(location.dataDir().toString()) + " --key-file " + quoted(location.keyFile().toString());
    }

    /** {@return the step that recovers a store sealed for {@code reason}, without a command to run next} */
    static String step(ErrorCode reason) {
        return switch (reason) {
            case STORE_WRONG_KEY -> "check --key-file (" + StoreOptions.KEY_FILE_VARIABLE + ") and the passphrase ("
                    + Passphrases.FILE_FLAG + ", " + Passphrases.FILE_VARIABLE + " or the console prompt): one of them"
                    + " must be a key this vault accepts, as the message says";
            case STORE_PERMISSIONS -> "give the data dir (chmod 700) and the key file (chmod 600) back to this user, as"
                    + " the message says";
            case STORE_CORRUPT, STORE_TAMPERED -> "restore the data dir from a backup (keep the damaged"
                    + " copy aside), or check --key-file if this data dir belongs to another key";
            case STORE_MISSING -> "when the message names a missing key file, give the right --key-file or the"
                    + " passphrase (" + Passphrases.FILE_FLAG + ", " + Passphrases.FILE_VARIABLE + " or the console"
                    + " prompt); otherwise restore the data dir from a backup (keep the damaged copy aside)";
            case STORE_UNSUPPORTED_VERSION -> "run the offline-vault version that wrote this vault, or a newer one";
            case STORE_CONFLICT -> "move the file that the message names out of the way";
            case COMMIT_OUTCOME_UNKNOWN, STORE_UNAVAILABLE, STORE_WRITE_FAILED, STORE_NO_SPACE, STORE_LOCKED ->
                    "check the disk and the file system that hold the data dir";
            case INVALID_PARAMETER, INVALID_JSON, INVALID_VAULT_ENTRY, INVALID_SNAPSHOT, INVALID_TOKEN, ACCESS_DENIED,
                    VAULT_ENTRY_NOT_FOUND, SNAPSHOT_NOT_FOUND, TOKEN_NOT_FOUND, NOT_FOUND, METHOD_NOT_ALLOWED,
                    MISDIRECTED_REQUEST, VAULT_ENTRY_ALREADY_EXISTS, TOKEN_ALREADY_EXISTS, LAST_ADMIN_TOKEN,
                    VAULT_FETCH_CONFLICT, PAYLOAD_TOO_LARGE, INTERNAL_ERROR -> "follow the message above";
        };
    }

    // Paths go into a command the user may paste into a POSIX shell.
    static String quoted(String argument) {
        if (PLAIN_ARGUMENT.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
