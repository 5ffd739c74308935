package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid requests (fixed seed, bounded count) through the router: never a 5xx,
 * never an exception out of the handler. Paths the JDK server would refuse before any handler (not a
 * valid URI) are skipped, as they never reach us.
 */
class RequestFuzzTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final List<String[]> SEEDS = List.of(
            new String[] {"POST", ENTRIES, "{\"key\": \"k1\", \"value\": \"v\", \"valueType\": \"STRING\","
                    + " \"attributeReferences\": [{\"jsonPath\": \"a.b[0]\", \"resourceName\": \"r\", \"resourceType\": \"SOURCE\"}],"
                    + " \"scopes\": [{\"id\": \"x\", \"resourceType\": \"EXTENSION\"}]}"},
            new String[] {"PUT", ENTRIES + "/k1", "{\"value\": \"w\", \"vaultVisibilityType\": \"OBFUSCATED\"}"},
            new String[] {"GET", ENTRIES + "?page=0&pageSize=2", ""},
            new String[] {"GET", ENTRIES + "/k1", ""},
            new String[] {"DELETE", ENTRIES + "/k1", ""},
            new String[] {"PUT", ENTRIES + "/fetch?referenceSnapshotId=acme-x&sourceOrganizationId=o&dryRun=true", "{}"},
            new String[] {"GET", ENTRIES + "/missing?snapshotId=acme-x", ""},
            new String[] {"POST", "/rest/privilege/evaluate", "{\"requestedPrivilege\": {\"targetDomain\": \"LINK\","
                    + " \"type\": \"EDIT\"}, \"organizationId\": \"acme\"}"},
            new String[] {"GET", "/rest/organizations", ""});

    @Test
    void mutated_requests_never_get_a_5xx() {
        Api api = new Api();
        Random random = new Random(20_261_126);
        int sent = 0;
        for (int round = 0; round < 6_000; round++) {
            String[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
            String method = random.nextInt(20) == 0 ? List.of("GET", "PUT", "POST", "DELETE", "PATCH").get(random.nextInt(5))
                    : seed[0];
            String path = random.nextBoolean() ? mutate(seed[1], random) : seed[1];
            byte[] body = mutate(seed[2], random).getBytes(StandardCharsets.UTF_8);
            if (!isUri(path)) {
                continue;
            }
            Map<String, String> headers = new HashMap<>();
            if (random.nextInt(10) > 0) {
                headers.put("Authorization", "Bearer " + (random.nextInt(10) > 0 ? Api.ADMIN_TOKEN
                        : headerSafe(mutate(Api.ADMIN_TOKEN, random))));
            }
            headers.put("Content-Type", random.nextInt(10) > 0 ? "application/json"
                    : headerSafe(mutate("application/json", random)));
            FakeExchange exchange = new FakeExchange(method, path, headers, body);
            api.router.handle(exchange);
            sent++;
            assertThat(exchange.status()).as("%s %s", method, path).isBetween(200, 499);
            assertThat(exchange.isClosed()).isTrue();
        }
        assertThat(sent).isGreaterThan(4_000);
        assertThat(api.admin("GET", "/health", null).status()).isEqualTo(200);
    }

    // A header value with a control or non-ASCII character never reaches a handler: the JDK server refuses it.
    private static String headerSafe(String value) {
        return value.chars().map(c -> c >= 0x20 && c < 0x7F ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static boolean isUri(String path) {
        try {
            URI.create(path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder mutated = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        String alphabet = "{}[]\":,.\\/%+?&=#~ \u00e9\u0000\u200b0123456789abcXYZ-_'\n";
        for (int i = 0; i < edits; i++) {
            int at = mutated.length() == 0 ? 0 : random.nextInt(mutated.length());
            switch (random.nextInt(4)) {
                case 0 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> {
                    if (mutated.length() > 0) {
                        mutated.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (mutated.length() > 0) {
                        mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                default -> mutated.insert(at, mutated.substring(at, Math.min(mutated.length(), at + random.nextInt(8))));
            }
        }
        return mutated.toString();
    }
}
