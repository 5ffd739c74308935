package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * Turns I/O failures into store errors. Messages quote the operating system's reason (such as
 * "No space left on device") but never an exception's own message, which may quote file content.
 */
final class StoreErrors {
    private static final String NO_SPACE = "no space left on device";

    private StoreErrors() {
    }

    /** {@return STORE_NO_SPACE for a full disk, else STORE_WRITE_FAILED; for a step before any commit point} */
    static StoreException writeFailed(String what, IOException cause) {
        if (isDiskFull(cause)) {
            return new StoreException(ErrorCode.STORE_NO_SPACE,
                    capitalize(what) + " could not be written because the disk is full: free some space and try"
                            + " again (nothing was changed).", cause);
        }
        return new StoreException(ErrorCode.STORE_WRITE_FAILED,
                capitalize(what) + " could not be written (" + reason(cause) + "): check the disk and the"
                        + " permissions of its directory, then try again (nothing was changed).", cause);
    }

    /** {@return whether {@code cause} says the device is full (the JDK has no type for ENOSPC)} */
    static boolean isDiskFull(IOException cause) {
        String reason = cause instanceof FileSystemException ? ((FileSystemException) cause).getReason() : null;
        return reason != null && reason.toLowerCase(Locale.ROOT).contains(NO_SPACE);
    }

    /** {@return the operating system's reason for {@code cause}, or its type when there is none} */
    static String reason(IOException cause) {
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
}
