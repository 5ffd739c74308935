package io.offlinevault.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.WriteHistory.Kind;
import io.offlinevault.app.cli.WriteHistory.Write;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kill loop's model: it accepts what a durable store may show after a crash, and names everything else. */
class WriteHistoryTest {
    private static final String A = "a";
    private static final String B = "b";

    private final WriteHistory history = new WriteHistory(Set.of(A, B));

    private static String value(String id) {
        return WriteHistory.value(id, "filler");
    }

    // A write sent now and answered at once (acknowledged) or never (in flight).
    private Write write(String id, String key, Kind kind, boolean acknowledged) {
        long sentAt = history.now();
        Optional<String> value = kind == Kind.DELETE ? Optional.empty() : Optional.of(value(id));
        Write write = new Write(id, key, kind, value, sentAt, acknowledged ? history.now() : WriteHistory.IN_FLIGHT);
        history.record(write);
        return write;
    }

    @Test
    void the_last_acknowledged_value_is_accepted_and_an_older_one_or_absence_is_named_a_loss() {
        // given
        write("w1", A, Kind.CREATE, true);
        write("w2", A, Kind.REPLACE, true);
        // when / then
        assertThat(history.problems(Map.of(A, value("w2")))).isEmpty();
        assertThat(history.problems(Map.of(A, value("w1")))).containsExactly("a shows the value of w1 (CREATE),"
                + " where only one of these may be: the outcome of w2 (REPLACE)");
        assertThat(history.problems(Map.of())).containsExactly("a shows nothing (absent), where only one of these"
                + " may be: the outcome of w2 (REPLACE)");
    }

    @Test
    void a_write_in_flight_at_the_kill_may_show_or_not() {
        // given
        write("w1", A, Kind.CREATE, true);
        write("w2", A, Kind.REPLACE, false);
        write("w3", B, Kind.CREATE, false);
        // when / then
        assertThat(history.problems(Map.of(A, value("w1")))).isEmpty();
        assertThat(history.problems(Map.of(A, value("w2"), B, value("w3")))).isEmpty();
    }

    @Test
    void a_delete_in_flight_may_leave_the_key_absent_and_an_acknowledged_one_must() {
        // given: a present after the restart before
        history.settle(Map.of(A, value("w0")));
        write("w1", A, Kind.DELETE, false);
        // when / then
        assertThat(history.problems(Map.of(A, value("w0")))).isEmpty();
        assertThat(history.problems(Map.of())).isEmpty();
        // and once it is acknowledged
        history.settle(Map.of(A, value("w0")));
        write("w2", A, Kind.DELETE, true);
        assertThat(history.problems(Map.of(A, value("w0")))).singleElement().asString()
                .startsWith("a shows the value of the write w0, as a restart before showed it");
    }

    @Test
    void writes_that_overlapped_the_last_acknowledged_one_may_win_but_not_one_acknowledged_before_it_began() {
        // given: w2 is sent while w1 waits for its answer; w3 is sent after both were answered
        long w1Sent = history.now();
        long w2Sent = history.now();
        long w1Answered = history.now();
        long w2Answered = history.now();
        history.record(new Write("w1", A, Kind.CREATE, Optional.of(value("w1")), w1Sent, w1Answered));
        history.record(new Write("w2", A, Kind.CREATE, Optional.of(value("w2")), w2Sent, w2Answered));
        // when / then
        assertThat(history.problems(Map.of(A, value("w1")))).isEmpty();
        assertThat(history.problems(Map.of(A, value("w2")))).isEmpty();
        write("w3", A, Kind.REPLACE, true);
        assertThat(history.problems(Map.of(A, value("w1")))).hasSize(1);
        assertThat(history.problems(Map.of(A, value("w3")))).isEmpty();
    }

    @Test
    void a_key_or_value_no_write_sent_is_named_without_printing_the_value() {
        // given
        write("w1", A, Kind.CREATE, true);
        String changed = value("w1").substring(0, value("w1").length() - 1);
        // when
        List<String> problems = history.problems(Map.of(A, changed, "stranger", "a-secret-looking-value"));
        // then
        assertThat(problems).containsExactly(
                "a shows the value of w1 (CREATE), changed (" + changed.length() + " characters, not "
                        + value("w1").length() + "), where only one of these may be: the outcome of w1 (CREATE)",
                "stranger is present, but no write ever touched it");
        assertThat(history.problems(Map.of(A, "a-secret-looking-value"))).singleElement().asString()
                .contains("a value of 22 characters that is not of this test").doesNotContain("secret");
    }

    @Test
    void settling_starts_the_next_round_from_what_the_restart_showed() {
        // given
        write("w1", A, Kind.CREATE, false);
        history.settle(Map.of(A, value("w1")));
        // when / then
        assertThat(history.present()).containsExactly(A);
        assertThat(history.problems(Map.of(A, value("w1")))).isEmpty();
        assertThat(history.problems(Map.of())).singleElement().asString()
                .isEqualTo("a shows nothing (absent), where only one of these may be: what the restart before showed"
                        + " (the value of the write w1, as a restart before showed it)");
        assertThat(history.acknowledged()).isZero();
        assertThat(history.inFlight()).isOne();
    }
}
