package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenWarmUpTest {
    @Test
    void the_warm_up_reads_back_every_made_up_entry_it_sealed() throws Exception {
        assertThat(OpenWarmUp.run()).isEqualTo(400);
    }

    @Test
    void start_returns_at_once_and_its_daemon_thread_ends_by_itself() throws Exception {
        // when
        Thread thread = OpenWarmUp.start();

        // then
        assertThat(thread.isDaemon()).isTrue();
        thread.join(30_000);
        assertThat(thread.isAlive()).as("the warm-up thread ended within 30 s").isFalse();
    }
}
