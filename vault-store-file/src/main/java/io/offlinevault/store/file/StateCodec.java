package io.offlinevault.store.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.Batch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint's payload: the whole state as JSON, written and read as a stream; snapshot contents and applied
 * resources are not in it, only the ids of the blobs that hold them.
 * <pre>{"tokens": [..], "organizations": [{"id", "entries": [..], "snapshots": [..],
 *   "contents": {snapshotId: blobId}, "applied": blobId}], "previousBlobs": [blobId..]}</pre>
 * {@code previousBlobs}, when present, names the blobs of the checkpoint this one replaced (then
 * {@code checkpoint.prev}), so that an open need not read that file to know which blobs to keep.
 */
final class StateCodec {
    // a checkpoint of a few entries fits; a large one grows the buffer a few times
    private static final int EXPECTED_BYTES = 64 * 1024;

    private StateCodec() {
    }

    /**
     * {@return the checkpoint payload of {@code state} and {@code blobs} as compact UTF-8 JSON} Written field by
     * field, entries straight from the state: no tree of the whole state, which at 100,000 entries cost a writer
     * running beside the commits far more CPU and garbage than the bytes.
     */
    static byte[] write(VaultState state, BlobIndex blobs, Optional<Set<String>> previousBlobs) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(EXPECTED_BYTES);
            write(bytes, state, blobs, previousBlobs);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
    }

    /**
     * Writes the checkpoint payload of {@code state} and {@code blobs} to {@code stream}, as {@link #write(VaultState,
     * BlobIndex, Optional)} returns it; the stream is not closed. The background checkpoint streams it into the
     * cipher, so that the payload of a large vault is never in memory whole.
     */
    static void write(OutputStream stream, VaultState state, BlobIndex blobs, Optional<Set<String>> previousBlobs)
            throws IOException {
        try (JsonGenerator out = StoreJson.generator(stream)) {
            out.writeStartObject();
            out.writeFieldName("tokens");
            StoreJson.value(out, state.tokens().stream().map(RecordCodec::token).toList());
            out.writeArrayFieldStart("organizations");
            for (OrganizationId organization : state.organizations()) {
                out.writeStartObject();
                out.writeStringField("id", organization.value());
                out.writeArrayFieldStart("entries");
                for (VaultEntry entry : (Iterable<VaultEntry>) state.allEntries(organization)::iterator) {
                    EntryCodec.write(out, entry);
                }
                out.writeEndArray();
                out.writeFieldName("snapshots");
                StoreJson.value(out, state.snapshots(organization).stream().map(RecordCodec::snapshot).toList());
                out.writeFieldName("contents");
                StoreJson.value(out, blobs.contents().getOrDefault(organization, Map.of()));
                String applied = blobs.applied().get(organization);
                if (applied != null) {
                    out.writeStringField("applied", applied);
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            if (previousBlobs.isPresent()) {
                out.writeArrayFieldStart("previousBlobs");
                for (String id : new TreeSet<>(previousBlobs.get())) {
                    out.writeString(id);
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        }
    }

    /** A decoded checkpoint payload: the state, the blob index it was written with, and its previous blobs if known. */
    record Decoded(VaultState state, BlobIndex blobs, Optional<Set<String>> previousBlobs) {
    }

    /**
     * {@return the state of the checkpoint payload {@code payload} and the blobs it references (not read here)},
     * read as a stream: entries go straight into the state, without a tree of the whole document. JSON that
     * {@link StoreJson#read} would refuse is STORE_CORRUPT naming {@code what}.
     *
     * @throws RecordCodec.MalformedRecordException when the JSON is not of the shape {@link #write} writes
     */
    static Decoded decode(byte[] payload, String what) {
        try (JsonParser in = StoreJson.parser(payload)) {
            if (in.nextToken() == null) {
                throw StoreErrors.damaged(what, "decrypted but its content is not what this store writes");
            }
            Decoded decoded = root(in);
            if (in.nextToken() != null) {
                throw StoreErrors.damaged(what, "decrypted but its content is not what this store writes");
            }
            return decoded;
        } catch (IOException e) {
            throw StoreErrors.damaged(what, "decrypted but its content is not what this store writes");
        }
    }

    private static Decoded root(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordCodec.MalformedRecordException("checkpoint is not an object");
        }
        Batch.Builder batch = Batch.builder();
        Map<OrganizationId, Map<String, String>> contents = new TreeMap<>();
        Map<OrganizationId, String> applied = new TreeMap<>();
        Object tokens = null;
        boolean organizations = false;
        Optional<Set<String>> previousBlobs = Optional.empty();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "tokens" -> tokens = StoreJson.value(in);
                case "organizations" -> {
                    if (in.currentToken() != JsonToken.START_ARRAY) {
                        throw new RecordCodec.MalformedRecordException("organizations is not an array");
                    }
                    while (in.nextToken() != JsonToken.END_ARRAY) {
                        organization(in, batch, contents, applied);
                    }
                    organizations = true;
                }
                case "previousBlobs" -> previousBlobs = Optional.of(Set.copyOf(RecordCodec.list(
                        tree(field, StoreJson.value(in)), field, RecordCodec::blobId)));
                default -> in.skipChildren();
            }
        }
        if (!organizations) {
            throw new RecordCodec.MalformedRecordException("organizations is not an array");
        }
        RecordCodec.list(tree("tokens", tokens), "tokens", RecordCodec::token).forEach(batch::putToken);
        return new Decoded(VaultState.empty().apply(batch.build()), new BlobIndex(contents, applied), previousBlobs);
    }

    private static void organization(JsonParser in, Batch.Builder batch, Map<OrganizationId, Map<String, String>> contents,
                                     Map<OrganizationId, String> applied) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordCodec.MalformedRecordException("organization is not an object");
        }
        Object id = null;
        List<VaultEntry> entries = null;
        Object snapshots = null;
        Object contentsById = null;
        Object appliedId = null;
        boolean hasApplied = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "id" -> id = StoreJson.value(in);
                case "entries" -> entries = entries(in);
                case "snapshots" -> snapshots = StoreJson.value(in);
                case "contents" -> contentsById = StoreJson.value(in);
                case "applied" -> {
                    appliedId = StoreJson.value(in);
                    hasApplied = true;
                }
                default -> in.skipChildren();
            }
        }
        OrganizationId organization = RecordCodec.organizationId(id);
        if (entries == null) {
            throw new RecordCodec.MalformedRecordException("entries is not an array");
        }
        entries.forEach(entry -> batch.putEntry(organization, entry));
        RecordCodec.list(tree("snapshots", snapshots), "snapshots", RecordCodec::snapshot).forEach(batch::putSnapshot);
        Map<String, String> byId = new TreeMap<>();
        RecordCodec.object(contentsById, "contents").forEach((snapshotId, blobId) -> {
            byId.put(snapshotId, RecordCodec.blobId(blobId));
        });
        contents.put(organization, byId);
        if (hasApplied) {
            applied.put(organization, RecordCodec.blobId(appliedId));
        }
    }

    private static List<VaultEntry> entries(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new RecordCodec.MalformedRecordException("entries is not an array");
        }
        List<VaultEntry> entries = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            entries.add(EntryCodec.read(in));
        }
        return entries;
    }

    // A field's value as the tree decoder's helpers take it: a one-field object, without the field when absent.
    private static Map<String, Object> tree(String field, Object value) {
        Map<String, Object> tree = new HashMap<>();
        if (value != null) {
            tree.put(field, value);
        }
        return tree;
    }
}
