package io.offlinevault.domain.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void until_returns_once_the_condition_holds() throws Exception {
        AtomicInteger polls = new AtomicInteger();

        Await.until("three polls", Await.PATIENCE, () -> polls.incrementAndGet() == 3);

        assertThat(polls).hasValue(3);
    }

    @Test
    void until_fails_naming_what_it_waited_for_and_the_state_it_saw() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> Await.until("the sky to fall", SHORT, () -> false, () -> "the sky is up"))
                .withMessage("the sky to fall: not within 50 ms; the sky is up");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> Await.until("the latch", SHORT, new CountDownLatch(2)))
                .withMessage("the latch: not within 50 ms (2 counts left)");
    }

    @Test
    void result_fails_naming_what_it_waited_for_and_cancels_the_task() {
        CompletableFuture<String> never = new CompletableFuture<>();

        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> Await.result("an answer", SHORT, never))
                .withMessage("an answer: no result within 50 ms");
        assertThat(never).isCancelled();
    }

    @Test
    void line_reads_a_line_and_fails_on_a_stream_that_stays_silent() throws Exception {
        PipedOutputStream out = new PipedOutputStream();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(out), UTF_8))) {
            out.write("hello\n".getBytes(UTF_8));
            out.flush();

            assertThat(Await.line("a greeting", Await.PATIENCE, in)).isEqualTo("hello");
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> Await.line("a second line", SHORT, in))
                    .withMessage("a second line: no result within 50 ms");
            out.close();
        }
    }

    @Test
    void exit_kills_a_child_that_outlives_its_patience_and_fails_naming_it() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sleep")));
        Process sleeper = new ProcessBuilder("/bin/sleep", "60").start();
        try {
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> Await.exit("the sleeper", SHORT, sleeper))
                    .withMessage("the sleeper: pid " + sleeper.pid() + " still ran after 50 ms; killed it");
            assertThat(sleeper.isAlive()).isFalse();
        } finally {
            Await.destroyed(sleeper);
        }
    }
}
