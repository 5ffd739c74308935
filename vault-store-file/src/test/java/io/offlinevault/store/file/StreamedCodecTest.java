package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.entry.AttributeReference;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streamed JSON of checkpoints and journal records: what {@link StateCodec#write} and
 * {@link JournalEntry#toJson} write reads back to the same state, and the streaming reader accepts and refuses what
 * the tree reader did (fields in any order, unknown fields ignored; wrong shapes malformed, broken JSON corrupt).
 */
class StreamedCodecTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final OrganizationId BETA = OrganizationId.of("beta");
    private static final String SECRET = "s3cr\"et \\ \u00e9\u6f22 \ud83d\udd11 \n end";
    private static final String BLOB = "0123456789abcdef0123456789abcdef";

    private static VaultEntry entry(String key, String value) {
        return new VaultEntry(EntryKey.of(key), SecretValue.of(value), ValueType.STRING, Visibility.STRICT, List.of(),
                List.of());
    }

    private static VaultEntry rich() {
        return new VaultEntry(EntryKey.of("db.password"), SecretValue.of(SECRET), ValueType.STRING, Visibility.PUBLIC,
                List.of(new AttributeReference(new JsonPath("configuration.password"), "helpcenter", ResourceType.SOURCE)),
                List.of(new Scope("acme-extension", ResourceType.EXTENSION)));
    }

    private static VaultState state() {
        return VaultState.empty().apply(Batch.builder()
                .putEntry(ACME, rich())
                .putEntry(ACME, entry("a.key", "one"))
                .putEntry(BETA, entry("b.key", "two"))
                .build());
    }

    @Test
    void a_checkpoint_written_as_a_stream_reads_back_to_the_same_state_and_blobs() {
        // given
        VaultState state = state();
        BlobIndex blobs = new BlobIndex(Map.of(ACME, Map.of("snap-1", BLOB)), Map.of(BETA, BLOB));

        // when
        StateCodec.Decoded decoded = StateCodec.decode(StateCodec.write(state, blobs, Optional.of(Set.of(BLOB))),
                "the checkpoint");

        // then
        assertThat(decoded.state().organizations()).containsExactly(ACME, BETA);
        assertThat(decoded.state().allEntries(ACME).toList()).isEqualTo(state.allEntries(ACME).toList());
        assertThat(decoded.state().allEntries(BETA).toList()).isEqualTo(state.allEntries(BETA).toList());
        assertThat(decoded.blobs()).isEqualTo(blobs);
        assertThat(decoded.previousBlobs()).contains(Set.of(BLOB));
    }

    @Test
    void the_stream_reader_takes_fields_in_any_order_and_skips_unknown_ones() {
        String json = """
                {"future": {"a": [1, 2, {"b": null}]},
                 "organizations": [{"entries": [{"scopes": [], "extra": [true], "visibility": "STRICT",
                     "attributeReferences": [], "valueType": "STRING", "value": "v", "key": "k.one"}],
                   "contents": {}, "snapshots": [], "id": "acme"}],
                 "tokens": []}""";

        StateCodec.Decoded decoded = StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "the checkpoint");

        assertThat(decoded.state().allEntries(ACME).toList()).containsExactly(entry("k.one", "v"));
        assertThat(decoded.previousBlobs()).isEmpty();
    }

    @Test
    void a_checkpoint_of_the_wrong_shape_is_malformed_and_broken_json_is_corrupt() {
        String good = new String(StateCodec.write(state(), BlobIndex.empty(), Optional.empty()), StandardCharsets.UTF_8);

        assertThatExceptionOfType(RecordCodec.MalformedRecordException.class)
                .isThrownBy(() -> decode(good.replace("\"valueType\":\"STRING\"", "\"valueType\":7")));
        assertThatExceptionOfType(RecordCodec.MalformedRecordException.class)
                .isThrownBy(() -> decode(good.replace("\"scopes\":[]", "\"scopes\":{}")));
        assertThatExceptionOfType(RecordCodec.MalformedRecordException.class)
                .isThrownBy(() -> decode(good.replace("\"tokens\"", "\"tokenz\"")));
        assertThatExceptionOfType(RecordCodec.MalformedRecordException.class)
                .isThrownBy(() -> decode(good.replace("\"entries\"", "\"entriez\"")));
        assertThatExceptionOfType(RecordCodec.MalformedRecordException.class)
                .isThrownBy(() -> decode("[]"));
        for (String broken : List.of(good + " {}", good.substring(0, good.length() - 3), "",
                good.replace("\"key\":\"a.key\"", "\"key\":\"a.key\",\"key\":\"b.key\""),
                good.replace("\"key\":\"a.key\"", "\"x\":1,\"key\":\"a.key\",\"x\":2"),
                good.replace("\"resourceName\":\"helpcenter\"", "\"resourceName\":\"helpcenter\",\"resourceName\":\"x\""),
                good.replace("\"contents\":{}", "\"contents\":{},\"contents\":{}"),
                good.replace("\"tokens\":[]", "\"tokens\":[],\"tokens\":[]"))) {
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> decode(broken))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("one", "two"));
        }
    }

    @Test
    void a_journal_record_written_as_a_stream_reads_back_to_the_same_changes() {
        // given
        JournalEntry entry = new JournalEntry(List.of(new Change.PutEntry(ACME, rich()),
                new Change.DeleteEntry(BETA, EntryKey.of("b.key")), new Change.PutEntry(BETA, entry("c.key", "three"))),
                List.of(new BlobIndex.Update(BlobEffect.Kind.APPLIED, ACME, null, BLOB)));

        // when
        JournalEntry read = JournalEntry.read(entry.toJson(), "the record");

        // then
        assertThat(read).isEqualTo(entry);
    }

    private static StateCodec.Decoded decode(String json) {
        return StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "the checkpoint");
    }
}
