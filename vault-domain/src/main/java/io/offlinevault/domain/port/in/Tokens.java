package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.access.TokenSummary;
import io.offlinevault.domain.entry.SecretValue;
import java.util.List;

/** Bearer tokens: authenticate a request, and manage tokens. Thread-safe. */
public interface Tokens {
    /**
     * {@return the caller that the bearer token {@code token} authenticates}
     *
     * @throws io.offlinevault.domain.error.InvalidTokenException when it is absent or unknown
     */
    Caller authenticate(String token);

    /**
     * Creates a token named {@code name} granting {@code grant}; the caller must itself hold all of
     * {@code grant}. The value is in the result and nowhere else.
     */
    IssuedToken create(Caller caller, String name, Grant grant);

    /**
     * Stores a token whose value the user supplied (tests and CI: environment, file or seed): 32 to
     * 512 printable ASCII characters without spaces. The caller must itself hold all of {@code grant}.
     */
    TokenRecord register(Caller caller, String name, Grant grant, SecretValue token);

    /** {@return every token, sorted by name}; needs every privilege in every organization. */
    List<TokenSummary> list(Caller caller);

    /**
     * Revokes the token of that name; needs every privilege in every organization. Atomic against concurrent
     * revocations: some token with every privilege in every organization always remains.
     *
     * @throws io.offlinevault.domain.error.NotFoundException when no token has that name
     * @throws io.offlinevault.domain.error.LastAdminTokenException when it is the last token with every
     *         privilege in every organization
     */
    void revoke(Caller caller, String name);
}
