package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

/**
 * Sealed immutable payloads in {@code <data-dir>/blobs/<id>}: snapshot contents and applied resources.
 * A blob is written (temp, force, rename, directory force) before the checkpoint that references it,
 * and its header binds the vault id, the blob id and the key term, so a blob moved from another
 * vault or renamed is refused.
 */
final class Blobs {
    static final String DIRECTORY = "blobs";

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileIo io;
    private final Path directory;
    private final String vaultId;

    Blobs(FileIo io, Path dataDir, String vaultId) {
        this.io = io;
        this.directory = dataDir.resolve(DIRECTORY);
        this.vaultId = vaultId;
    }

    /** {@return a fresh blob id} */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@return whether {@code name} is a blob id} */
    static boolean isId(String name) {
        return ID.matcher(name).matches();
    }

    /** Writes {@code tree} as the blob {@code id}, durably; STORE_WRITE_FAILED or STORE_NO_SPACE on failure. */
    void write(String id, Object tree, int term, SecretKey key) {
        byte[] plaintext = StoreJson.write(tree);
        if (plaintext.length > StoreJson.MAX_BLOB) {
            throw StoreErrors.snapshotTooLarge(plaintext.length, StoreJson.MAX_BLOB);
        }
        StoreFiles.createDirectories(io, directory, "the blobs directory");
        byte[] sealed = Container.seal(Map.of("kind", "blob", "vaultId", vaultId, "blobId", id, "term", term),
                plaintext, key);
        StoreFiles.writeAtomically(io, directory.resolve(id), sealed, "the blob " + id);
    }

    /** {@return the tree of the blob {@code id}}; a damaged, missing or foreign blob is a named store error. */
    Object read(String id, Keyring keyring) {
        return StoreJson.read(open(id, keyring), "the blob " + id);
    }

    /** Checks that the blob {@code id} is present, intact and of this vault, without decoding it. */
    void verify(String id, Keyring keyring) {
        open(id, keyring);
    }

    private byte[] open(String id, Keyring keyring) {
        String what = "the blob " + id;
        Path file = directory.resolve(id);
        byte[] bytes = StoreFiles.readLimited(io, file, Container.maxFileSize(StoreJson.MAX_BLOB), what);
        Container.Parsed parsed = Container.parse(bytes, what, StoreJson.MAX_BLOB);
        Map<String, Object> header = parsed.header();
        Object term = header.get("term");
        if (!(term instanceof Integer termNumber)) {
            throw StoreErrors.corrupt(what + " has no key term");
        }
        byte[] plaintext = parsed.open(keyring.key(termNumber, what));
        // The header is authentic now: a blob of another vault, or renamed, names another vault or id.
        if (!"blob".equals(header.get("kind")) || !vaultId.equals(header.get("vaultId")) || !id.equals(header.get("blobId"))) {
            throw StoreErrors.tampered(what + " belongs to another vault or was renamed");
        }
        return plaintext;
    }

    /** {@return the ids of the blob files present} Temp files and foreign names are left out. */
    List<String> list() {
        List<String> ids = new ArrayList<>();
        try {
            if (!io.exists(directory)) {
                return ids;
            }
            for (Path file : io.list(directory)) {
                String name = file.getFileName().toString();
                if (isId(name)) {
                    ids.add(name);
                }
            }
            return ids;
        } catch (IOException e) {
            throw StoreErrors.unreadable("the blobs directory " + directory, e);
        }
    }

    /** {@return the temp files left in the blobs directory by an interrupted write} */
    List<Path> staleTemps() throws IOException {
        List<Path> temps = new ArrayList<>();
        if (io.exists(directory)) {
            for (Path file : io.list(directory)) {
                if (StoreFiles.isTemp(file)) {
                    temps.add(file);
                }
            }
        }
        return temps;
    }

    /** Deletes the blob {@code id}; {@return whether it existed} */
    boolean delete(String id) throws IOException {
        return io.deleteIfExists(directory.resolve(id));
    }
}
