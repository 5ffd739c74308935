package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.LastAdminTokenException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two revocations of the only two admin tokens at once: exactly one succeeds, an admin token always remains. */
@Timeout(60)
class TokenRevokeConcurrencyTest {
    private static final SecretValue ADMIN_TOKEN = SecretValue.of("ovt_" + "A".repeat(43));

    private final InMemoryVaultRepository memory =
            InMemoryVaultRepository.create(TokenService.firstCommit(ADMIN_TOKEN, 1L));

    // A repository on the in-memory one whose view() returns each thread's first view only once both threads
    // have one: each revocation then sees the other's token, and both race to commit.
    private VaultRepository bothReadFirst() {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ThreadLocal<Boolean> read = ThreadLocal.withInitial(() -> false);
        return new VaultRepository() {
            @Override
            public VaultView view() {
                VaultView seen = memory.view();
                if (!read.get()) {
                    read.set(true);
                    try {
                        bothRead.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other revocation never read", e);
                    }
                }
                return seen;
            }

            @Override
            public void commit(Batch batch) {
                memory.commit(batch);
            }
        };
    }

    @Test
    void revoking_the_only_two_admin_tokens_at_once_revokes_exactly_one() throws Exception {
        // given: a second admin token, and a service whose revocations both read before either commits
        new TokenService(memory, IdGenerator.secure(), Clock.system()).create(ADMIN, "second", Grant.everything());
        TokenService tokens = new TokenService(bothReadFirst(), IdGenerator.secure(), Clock.system());

        // when
        List<Throwable> failures = revokeAtOnce(tokens, "admin", "second");

        // then
        assertThat(failures).hasSize(1).allSatisfy(e -> assertThat(e).isInstanceOf(LastAdminTokenException.class));
        assertThat(memory.view().tokens()).hasSize(1).allSatisfy(token -> assertThat(token.isAdmin()).isTrue());
    }

    @RepeatedTest(20)
    void without_a_forced_interleaving_an_admin_token_remains_too() throws Exception {
        new TokenService(memory, IdGenerator.secure(), Clock.system()).create(ADMIN, "second", Grant.everything());
        TokenService tokens = new TokenService(memory, IdGenerator.secure(), Clock.system());

        List<Throwable> failures = revokeAtOnce(tokens, "admin", "second");

        assertThat(failures).hasSize(1).allSatisfy(e -> assertThat(e).isInstanceOf(LastAdminTokenException.class));
        assertThat(memory.view().tokens()).hasSize(1);
    }

    // Each name revoked on its own thread; returns what the revocations threw.
    private static List<Throwable> revokeAtOnce(TokenService tokens, String... names) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(names.length);
        try {
            CyclicBarrier start = new CyclicBarrier(names.length);
            List<Future<?>> revocations = new ArrayList<>();
            for (String name : names) {
                revocations.add(threads.submit(() -> {
                    start.await();
                    tokens.revoke(ADMIN, name);
                    return null;
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> revocation : revocations) {
                try {
                    revocation.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            threads.shutdownNow();
        }
    }
}
