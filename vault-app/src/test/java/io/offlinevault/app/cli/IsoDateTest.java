package io.offlinevault.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoDateTest {
    @Test
    void a_date_is_an_iso_utc_instant_to_the_second() {
        assertThat(IsoDate.of(0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(IsoDate.of(Instant.parse("2026-11-26T08:00:00.999Z").toEpochMilli()))
                .isEqualTo("2026-11-26T08:00:00Z");
    }
}
