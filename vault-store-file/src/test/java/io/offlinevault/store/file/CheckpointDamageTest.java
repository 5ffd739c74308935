package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.service.VaultEntryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every single-byte flip and every truncation of a small checkpoint: a named error, sealed, no file changed. */
class CheckpointDamageTest {
    private static final Set<ErrorCode> NAMED = EnumSet.of(ErrorCode.STORE_CORRUPT, ErrorCode.STORE_TAMPERED,
            ErrorCode.STORE_WRONG_KEY, ErrorCode.STORE_UNSUPPORTED_VERSION);

    @TempDir
    Path root;

    private StoreFixture fixture;
    private byte[] checkpoint;

    @BeforeEach
    void createASmallVault() throws IOException {
        fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create()) {
            new VaultEntryService(store.repository()).create(Caller.owner(), OrganizationId.of("acme"),
                    EntryDraft.empty().withKey("db.password").withValue("s3cr3t"));
        }
        checkpoint = Files.readAllBytes(fixture.dataDir.resolve(Checkpoint.FILE));
    }

    private ErrorCode openWith(byte[] damaged) throws IOException {
        Files.write(fixture.dataDir.resolve(Checkpoint.FILE), damaged);
        Map<String, byte[]> before = fixture.storeFiles();
        try (FileVaultStore store = fixture.open(new UnsyncedFileIo())) {
            StoreUnavailableException reason = store.sealedBecause().orElseThrow(
                    () -> new AssertionError("a damaged checkpoint opened"));
            Map<String, byte[]> after = fixture.storeFiles();
            assertThat(after.keySet()).isEqualTo(before.keySet());
            after.forEach((name, bytes) -> assertThat(bytes).as("%s unchanged", name).isEqualTo(before.get(name)));
            return reason.reason();
        }
    }

    @Test
    void every_single_byte_flip_is_a_named_error() throws IOException {
        for (int i = 0; i < checkpoint.length; i++) {
            byte[] damaged = checkpoint.clone();
            damaged[i] ^= (byte) 0x5A;
            assertThat(openWith(damaged)).as("flip at byte %d of %d", i, checkpoint.length).isIn(NAMED);
        }
    }

    @Test
    void every_truncation_is_corrupt() throws IOException {
        for (int length = 0; length < checkpoint.length; length++) {
            assertThat(openWith(Arrays.copyOf(checkpoint, length))).as("truncated to %d", length)
                    .isEqualTo(ErrorCode.STORE_CORRUPT);
        }
    }

    @Test
    void trailing_garbage_and_a_zero_filled_tail_are_corrupt() throws IOException {
        byte[] longer = Arrays.copyOf(checkpoint, checkpoint.length + 16);
        assertThat(openWith(longer)).isEqualTo(ErrorCode.STORE_CORRUPT);
        byte[] zeroTail = checkpoint.clone();
        Arrays.fill(zeroTail, checkpoint.length - 100, checkpoint.length, (byte) 0);
        assertThat(openWith(zeroTail)).isEqualTo(ErrorCode.STORE_CORRUPT);
    }

    @Test
    void the_undamaged_checkpoint_still_opens() throws IOException {
        Files.write(fixture.dataDir.resolve(Checkpoint.FILE), checkpoint);
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
        }
    }
}
