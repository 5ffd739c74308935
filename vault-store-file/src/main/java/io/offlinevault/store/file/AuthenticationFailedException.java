package io.offlinevault.store.file;

/**
 * An AES-GCM tag did not verify: wrong key, or changed bytes. Checked on purpose, so that every caller
 * decides which store error it means (STORE_WRONG_KEY or STORE_TAMPERED). Never carries key or data.
 */
final class AuthenticationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    AuthenticationFailedException() {
        super("the AES-GCM tag did not verify");
    }
}
