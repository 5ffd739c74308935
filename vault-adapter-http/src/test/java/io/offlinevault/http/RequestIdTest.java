package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Request ids from a per-process prefix and a counter keep API.md's shape and never repeat. */
class RequestIdTest {
    @Test
    void request_ids_are_24_hex_digits_and_unique_across_threads() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> ids.add(Router.newRequestId()));

        assertThat(ids).hasSize(200_000).allMatch(id -> id.matches("[0-9a-f]{24}"));
        Set<String> prefixes = new HashSet<>();
        ids.forEach(id -> prefixes.add(id.substring(0, 12)));
        assertThat(prefixes).hasSize(1);
    }
}
