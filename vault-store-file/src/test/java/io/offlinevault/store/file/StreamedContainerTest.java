package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.memory.VaultState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container streamed to a file through a fixed buffer (the background checkpoint's way, issue 21) is the
 * container {@link Container#seal} makes of the same payload: it parses, opens and has the same size, whatever
 * the sizes of the pieces written; over the limit nothing is sealed, and a failed checkpoint leaves no temp file.
 */
class StreamedContainerTest {
    private static final Map<String, Object> HEADER = Map.of("vaultId", "v-0001", "generation", 7, "term", 1);
    private static final long LIMIT = 1024 * 1024;

    @TempDir
    Path dir;

    private final SecretKey key = new SecretKeySpec(Aead.freshKeyBytes(), "AES");

    @Test
    void a_streamed_container_opens_to_its_payload_and_has_the_size_of_a_sealed_one() throws IOException {
        // given: a payload of several of the stream's slices, written in pieces of every size
        byte[] payload = new byte[300_000];
        Random random = new Random(21);
        random.nextBytes(payload);
        Path file = dir.resolve("streamed");

        // when
        long size;
        try (FileChannel channel = new RealFileIo().createNew(file)) {
            Container.Sealing out = Container.sealing(new RealFileIo(), channel, HEADER, key, LIMIT,
                    bytes -> new IllegalStateException("too large"));
            int written = 0;
            while (written < payload.length) {
                if (random.nextInt(10) == 0) {
                    out.write(payload[written++]);
                    continue;
                }
                int piece = Math.min(payload.length - written, random.nextInt(100_000));
                out.write(payload, written, piece);
                written += piece;
            }
            size = out.finish();
        }

        // then
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize((int) size).hasSize(Container.seal(HEADER, payload, key).length);
        Container.Parsed parsed = Container.parse(bytes, "the streamed container", LIMIT);
        assertThat(parsed.open(key)).isEqualTo(payload);
        assertThat(parsed.header()).containsEntry("vaultId", "v-0001").containsEntry("generation", 7);
    }

    @Test
    void a_write_past_the_limit_is_refused_with_the_count_so_far() throws IOException {
        try (FileChannel channel = new RealFileIo().createNew(dir.resolve("large"))) {
            Container.Sealing out = Container.sealing(new RealFileIo(), channel, HEADER, key, 1000,
                    bytes -> new IllegalStateException("too large: " + bytes));
            out.write(new byte[600]);

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> out.write(new byte[600]))
                    .withMessage("too large: 1200");
        }
    }

    @Test
    void a_checkpoint_whose_payload_fails_leaves_no_temp_file() throws IOException {
        // given
        Keyring keyring = Keyring.create(List.of(Kek.of(Aead.freshKeyBytes())), "v-1");
        Checkpoint.Header header = Checkpoint.Header.of("v-1").generation(1).term(keyring.currentTerm()).build();

        // when / then
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Checkpoint.prepare(new RealFileIo(), dir, header, keyring, out -> {
                    out.write(new byte[100_000]);
                    throw new IOException("the disk went away");
                }))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_WRITE_FAILED));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void a_streamed_checkpoint_reads_back_as_the_sealed_one_would() throws IOException {
        // given
        Keyring keyring = Keyring.create(List.of(Kek.of(Aead.freshKeyBytes())), "v-1");
        Checkpoint.Header header = Checkpoint.Header.of("v-1").generation(3).term(keyring.currentTerm())
                .covers(2, 40).encryptions(9).build();
        byte[] payload = StateCodec.write(VaultState.empty(), BlobIndex.empty(), Optional.of(Set.of()));

        // when
        Checkpoint.Prepared prepared = Checkpoint.prepare(new RealFileIo(), dir, header, keyring, out -> out.write(payload));

        // then
        byte[] bytes = Files.readAllBytes(prepared.temp());
        assertThat(bytes).hasSize((int) prepared.size()).hasSize(Checkpoint.seal(header, keyring, payload).length);
        assertThat(Checkpoint.peek(bytes, "the checkpoint")).isEqualTo(header);
        assertThat(Container.parse(bytes, "the checkpoint", StoreJson.MAX_CHECKPOINT)
                .open(keyring.key(header.term(), "the checkpoint"))).isEqualTo(payload);
    }
}
