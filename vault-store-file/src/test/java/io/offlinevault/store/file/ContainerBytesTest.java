package io.offlinevault.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A container is, byte for byte, what the format defines for the nonce it drew, whether it was sealed from one
 * array or streamed in pieces of any size; and the committed golden files of every version are that too, so
 * the files this build writes are the ones earlier builds wrote. {@link #format} is the format written out
 * again here with the JDK alone, independently of {@link Container}.
 */
class ContainerBytesTest {
    private static final Map<String, Object> HEADER = Map.of("vaultId", "v-0001", "generation", 7, "term", 1);
    // HEADER as the format writes it: keys sorted, the algorithm fields added, no spaces
    private static final byte[] HEADER_JSON = ("{\"algorithm\":\"AES-256-GCM\",\"generation\":7,\"nonceLength\":12,"
            + "\"tagLength\":16,\"term\":1,\"vaultId\":\"v-0001\"}").getBytes(UTF_8);
    private static final int NONCE_AT = 10 + HEADER_JSON.length;
    private static final long LIMIT = 1 << 20;
    // the SHA-256 of format(2, HEADER_JSON, nonce 0..11, "payload", a key of 32 sevens); Python's cryptography
    // package (AESGCM, hashlib) gives the same from the format's description
    private static final String KNOWN_ANSWER = "6a4f0ec71d18817fdbb717e9d1ae407f9c363a52cd3c485c3410ef823baa00ca";

    @TempDir
    Path dir;

    private final SecretKey key = new SecretKeySpec(Aead.freshKeyBytes(), "AES");

    // sizes around the streamed slice (64 KiB) and the AES block (16 bytes)
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 65_535, 65_536, 65_537, 131_072, 200_003})
    void a_container_sealed_from_one_array_is_the_format_for_its_nonce(int size) {
        byte[] payload = payload(size);

        byte[] sealed = Container.seal(HEADER, payload, key);

        assertThat(sealed).isEqualTo(format(2, HEADER_JSON, nonceOf(sealed), payload, key));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 65_535, 65_536, 65_537, 131_072, 200_003})
    void a_container_streamed_in_pieces_of_any_size_is_the_format_for_its_nonce(int size) throws IOException {
        // given
        byte[] payload = payload(size);
        Random random = new Random(size);
        Path file = dir.resolve("streamed");

        // when: single bytes, empty writes and pieces up to twice the slice
        long length;
        try (FileChannel channel = new RealFileIo().createNew(file)) {
            Container.Sealing out = Container.sealing(new RealFileIo(), channel, HEADER, key, LIMIT,
                    bytes -> new IllegalStateException("too large"));
            int written = 0;
            while (written < payload.length) {
                int kind = random.nextInt(10);
                if (kind == 0) {
                    out.write(payload[written++]);
                } else if (kind == 1) {
                    out.write(payload, written, 0);
                } else {
                    int piece = Math.min(payload.length - written, random.nextInt(131_073));
                    out.write(payload, written, piece);
                    written += piece;
                }
            }
            length = out.finish();
        }

        // then
        byte[] streamed = Files.readAllBytes(file);
        assertThat(streamed).hasSize((int) length).isEqualTo(format(2, HEADER_JSON, nonceOf(streamed), payload, key));
    }

    @Test
    void containers_and_messages_sealed_whole_between_two_writes_leave_a_stream_intact() throws IOException {
        // given: a stream, as a checkpoint's payload writer that seals on the same thread would see it
        byte[] payload = payload(100_000);
        Path file = dir.resolve("streamed");

        // when
        byte[] between;
        try (FileChannel channel = new RealFileIo().createNew(file)) {
            Container.Sealing out = Container.sealing(new RealFileIo(), channel, HEADER, key, LIMIT,
                    bytes -> new IllegalStateException("too large"));
            out.write(payload, 0, 70_000);
            between = Container.seal(HEADER, payload, key);
            Aead.seal(key, payload, new byte[0]);
            out.write(payload, 70_000, 30_000);
            out.finish();
        }

        // then
        byte[] streamed = Files.readAllBytes(file);
        assertThat(streamed).isEqualTo(format(2, HEADER_JSON, nonceOf(streamed), payload, key));
        assertThat(between).isEqualTo(format(2, HEADER_JSON, nonceOf(between), payload, key));
    }

    @Test
    void the_format_is_pinned_by_a_known_answer() throws GeneralSecurityException {
        byte[] fixedKey = new byte[32];
        Arrays.fill(fixedKey, (byte) 7);
        byte[] nonce = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

        byte[] bytes = format(2, HEADER_JSON, nonce, "payload".getBytes(UTF_8), new SecretKeySpec(fixedKey, "AES"));

        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(KNOWN_ANSWER);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void every_golden_container_is_the_format_of_its_payload_and_nonce(int version) throws IOException {
        // given: the golden store of that version, as an earlier build wrote it
        Path root = copyGolden(version);
        Path data = root.resolve("data");
        Kek kek = KeyFile.read(new RealFileIo(), root.resolve("vault.key"));
        Keyring.KeySource keys = KeyCandidates.known(
                List.of(new Keyring.Candidate(OpenedWith.keyFile(root.resolve("vault.key")), kek)), Optional.empty());
        Checkpoint.Opened checkpoint = Checkpoint.read(new RealFileIo(), data.resolve(Checkpoint.FILE), keys,
                new PassphraseKdf(PassphraseKdf.ARGON2ID), "the golden checkpoint");
        List<Path> containers = new ArrayList<>(List.of(data.resolve(Checkpoint.FILE)));
        try (var blobs = Files.list(data.resolve("blobs"))) {
            containers.addAll(blobs.sorted().toList());
        }
        if (version >= 2) {
            containers.add(data.resolve("journal.1"));
        }

        // when / then: each re-made from its version, header, nonce and opened payload
        for (Path file : containers) {
            byte[] bytes = Files.readAllBytes(file);
            boolean segment = file.getFileName().toString().startsWith("journal.");
            byte[] container = Arrays.copyOf(bytes, segment ? Container.lengthOfEmpty(bytes) : bytes.length);
            Container.Parsed parsed = Container.parse(container, file.toString(), StoreJson.MAX_CHECKPOINT);
            int term = ((Number) parsed.header().get("term")).intValue();
            SecretKey dek = checkpoint.keyring().key(term, file.toString());
            int nonceAt = ContainerSurgery.payloadOffset(container);
            byte[] headerJson = Arrays.copyOfRange(container, ContainerSurgery.PREFIX, nonceAt);
            byte[] nonce = Arrays.copyOfRange(container, nonceAt, nonceAt + Aead.NONCE_BYTES);

            assertThat(container).as("%s", file.getFileName())
                    .isEqualTo(format(parsed.version(), headerJson, nonce, parsed.open(dek), dek));
        }
        assertThat(containers).hasSizeGreaterThanOrEqualTo(version == 1 ? 2 : 3);
    }

    /**
     * {@return the container the format defines: "OVLT", the version (2 bytes), the header's length (4 bytes) and
     * the header, all of it the AAD; then the nonce, AES-256-GCM ciphertext and 16-byte tag; then the SHA-256 of
     * everything before it}
     */
    static byte[] format(int version, byte[] headerJson, byte[] nonce, byte[] payload, SecretKey key) {
        try {
            ByteBuffer aad = ByteBuffer.allocate(10 + headerJson.length).put(new byte[] {'O', 'V', 'L', 'T'})
                    .putShort((short) version).putInt(headerJson.length).put(headerJson);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad.array());
            byte[] sealed = cipher.doFinal(payload);
            ByteBuffer out = ByteBuffer.allocate(aad.capacity() + nonce.length + sealed.length + 32)
                    .put(aad.array()).put(nonce).put(sealed);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(out.array(), 0, out.position());
            return out.put(sha256.digest()).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] nonceOf(byte[] container) {
        return Arrays.copyOfRange(container, NONCE_AT, NONCE_AT + Aead.NONCE_BYTES);
    }

    private static byte[] payload(int size) {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        return payload;
    }

    // The golden store of that version, copied under the temp dir with the key file owner-only, as KeyFile wants.
    private Path copyGolden(int version) throws IOException {
        Path golden;
        try {
            golden = Path.of(ContainerBytesTest.class.getResource("/golden/v" + version).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (var files = Files.walk(golden)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = dir.resolve(golden.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Files.setPosixFilePermissions(dir.resolve("vault.key"), PosixFilePermissions.fromString("rw-------"));
        return dir;
    }
}
