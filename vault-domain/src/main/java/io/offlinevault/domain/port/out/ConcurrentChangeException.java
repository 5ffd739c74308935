package io.offlinevault.domain.port.out;

/**
 * A batch was built from a state that another commit has changed since; nothing was written. Use
 * cases catch it, read again and retry; it never reaches an adapter.
 */
public final class ConcurrentChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException() {
        super("the state changed between read and commit", null, false, false);
    }
}
