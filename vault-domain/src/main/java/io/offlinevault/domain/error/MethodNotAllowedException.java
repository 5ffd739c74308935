package io.offlinevault.domain.error;

import java.util.List;

/** The path is known but not with this method; {@link #allowed()} lists the methods it has. */
public final class MethodNotAllowedException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> allowed;

    public MethodNotAllowedException(List<String> allowed) {
        super(ErrorCode.METHOD_NOT_ALLOWED, "This path accepts only " + String.join(", ", allowed) + ".");
        this.allowed = List.copyOf(allowed);
    }

    /** {@return the methods the path accepts} */
    public List<String> allowed() {
        return allowed == null ? List.of() : allowed;
    }
}
