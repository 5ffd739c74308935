package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.service.VaultEntryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A store file changed by another program while the store is open (replaced, appended to, touched, deleted)
 * is detected before the next write: STORE_CONFLICT, the store seals, and nothing is written over the file.
 */
class ExternalChangeTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");

    @TempDir
    Path root;

    /** What another program does to a store file. */
    enum Change {
        CHECKPOINT_REPLACED_BY_A_COPY {
            @Override
            Path apply(StoreFixture fixture) throws IOException {
                return replaceByCopy(fixture.dataDir.resolve(Checkpoint.FILE));
            }
        },
        CHECKPOINT_TOUCHED {
            @Override
            Path apply(StoreFixture fixture) throws IOException {
                return touch(fixture.dataDir.resolve(Checkpoint.FILE));
            }
        },
        CHECKPOINT_DELETED {
            @Override
            Path apply(StoreFixture fixture) throws IOException {
                Files.move(fixture.dataDir.resolve(Checkpoint.FILE), fixture.dataDir.resolve("moved-away"));
                return fixture.dataDir.resolve("moved-away");
            }
        },
        SEGMENT_APPENDED_TO {
            @Override
            Path apply(StoreFixture fixture) throws IOException {
                Files.write(fixture.segment(1), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
                return fixture.segment(1);
            }
        },
        SEGMENT_REPLACED_BY_A_COPY {
            @Override
            Path apply(StoreFixture fixture) throws IOException {
                return replaceByCopy(fixture.segment(1));
            }
        },
        SEGMENT_TOUCHED {
            @Override
            Path apply(StoreFixture fixture) throws IOException {
                return touch(fixture.segment(1));
            }
        };

        /** {@return the file that holds what the other program left} */
        abstract Path apply(StoreFixture fixture) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Change.class)
    void a_store_file_changed_by_another_program_seals_the_store_before_the_next_write(Change change)
            throws IOException {
        StoreFixture fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create()) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("before").withValue("v"));
            Path changed = change.apply(fixture);
            byte[] left = Files.readAllBytes(changed);
            Map<String, byte[]> files = fixture.storeFiles();

            assertThatExceptionOfType(StoreUnavailableException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("after").withValue("v")))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(ErrorCode.STORE_CONFLICT);
                        assertThat(e.getMessage()).contains("another program").contains("nothing was written over it");
                    });
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                    .isEqualTo(ErrorCode.STORE_CONFLICT);
            assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.repository().view());
            assertThat(Files.readAllBytes(changed)).as("nothing written over it").isEqualTo(left);
            assertThat(fixture.storeFiles()).as("no store file changed").containsExactlyInAnyOrderEntriesOf(files);
        }
    }

    private static Path replaceByCopy(Path file) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".copy");
        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static Path touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        return file;
    }
}
