package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenDraft;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.access.TokenSummary;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.AccessDeniedException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.error.LastAdminTokenException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens on a {@link VaultRepository}: only their SHA-256 is stored. Also makes the first
 * commit of a new vault, which holds its {@code admin} token. Thread-safe.
 */
public final class TokenService implements Tokens {
    /** The name of the token that every new vault is created with. */
    public static final String ADMIN = TokenRecord.ADMIN;

    private final VaultRepository repository;
    private final IdGenerator ids;
    private final Clock clock;

    public TokenService(VaultRepository repository, IdGenerator ids, Clock clock) {
        this.repository = requireNonNull(repository, "repository");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * {@return the first commit of a new vault: the {@code admin} token (every privilege in every
     * organization) with the value {@code adminToken}}
     *
     * @throws InvalidParameterException when the value is not a generated token nor 32 to 512
     *         printable ASCII characters without spaces
     */
    public static Batch firstCommit(SecretValue adminToken, long now) {
        checkValue(adminToken);
        TokenRecord admin = new TokenRecord(ADMIN, TokenDigest.of(adminToken.reveal()), Grant.everything(), now);
        return Batch.builder().require(Precondition.tokenAbsent(ADMIN)).putToken(admin).build();
    }

    @Override
    public Caller authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("A bearer token is required (Authorization: Bearer <token>).");
        }
        TokenDigest digest = TokenDigest.of(token);
        return repository.view().tokenByDigest(digest)
                .filter(record -> record.digest().matches(digest))
                .map(TokenRecord::caller)
                .orElseThrow(() -> new InvalidTokenException("The bearer token is not valid for this vault."));
    }

    @Override
    public IssuedToken create(Caller caller, String name, Grant grant) {
        SecretValue token = ids.newToken();
        return new IssuedToken(register(caller, name, grant, token), token);
    }

    @Override
    public TokenRecord register(Caller caller, String name, Grant grant, SecretValue token) {
        requireNonNull(grant, "grant");
        checkName(name);
        checkValue(token);
        if (!caller.grant().includes(grant)) {
            throw new AccessDeniedException("A token can only grant what its creator holds.");
        }
        TokenDigest digest = TokenDigest.of(token.reveal());
        TokenRecord record = new TokenRecord(name, digest, grant, clock.millis());
        repository.commit(Batch.builder()
                .require(Precondition.tokenAbsent(name))
                .require(Precondition.tokenValueUnused(name, digest))
                .putToken(record)
                .build());
        return record;
    }

    @Override
    public List<TokenSummary> list(Caller caller) {
        caller.requireEverything("manage tokens");
        return repository.view().tokens().stream().map(TokenRecord::summary).toList();
    }

    @Override
    public void revoke(Caller caller, String name) {
        caller.requireEverything("manage tokens");
        Retry.optimistically(() -> {
            VaultView view = repository.view();
            Optional<TokenRecord> existing = view.token(name);
            if (existing.isEmpty()) {
                throw NotFoundException.token(name);
            }
            Batch.Builder batch = Batch.builder().require(Precondition.tokenUnchanged(name, existing));
            if (existing.get().isAdmin()) {
                // every other admin token must still be there as read: two revocations of the last two admin
                // tokens, each seeing the other, cannot both commit (the second one retries and sees it is the last)
                List<TokenRecord> otherAdmins = view.tokens().stream()
                        .filter(token -> token.isAdmin() && !token.name().equals(name))
                        .toList();
                if (otherAdmins.isEmpty()) {
                    throw new LastAdminTokenException(name);
                }
                otherAdmins.forEach(other -> batch.require(Precondition.tokenUnchanged(other.name(), Optional.of(other))));
            }
            repository.commit(batch.deleteToken(name).build());
            return existing.get();
        });
    }

    /**
     * Checks a token name: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or a digit.
     *
     * @throws InvalidParameterException with a message that states the rule
     */
    public static void checkName(String name) {
        TokenDraft.nameProblem(name).ifPresent(problem -> {
            throw new InvalidParameterException(problem);
        });
    }

    /**
     * Checks a token value (API.md 5): 32 to 512 printable ASCII characters without spaces, which a generated
     * token is too.
     *
     * @throws InvalidParameterException with a message that states the rule and never holds the value
     */
    public static void checkValue(SecretValue token) {
        TokenDraft.valueProblem(token).ifPresent(problem -> {
            throw new InvalidParameterException(problem);
        });
    }
}
