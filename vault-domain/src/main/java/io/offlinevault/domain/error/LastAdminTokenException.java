package io.offlinevault.domain.error;

/**
 * A revocation would leave no token with every privilege in every organization, and so nobody to manage
 * tokens; nothing was revoked.
 */
public final class LastAdminTokenException extends VaultException {
    private static final long serialVersionUID = 1L;

    public LastAdminTokenException(String name) {
        super(ErrorCode.LAST_ADMIN_TOKEN, "The token '" + name + "' is the last one with every privilege in every"
                + " organization; create another such token first, then revoke this one.");
    }
}
