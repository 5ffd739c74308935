package io.offlinevault.store.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON inside sealed payloads (checkpoint state, blobs): compact UTF-8, read strictly (one value,
 * no duplicate keys, no trailing tokens) within explicit limits sized to the largest payload the
 * store writes. Floats are read as {@code BigDecimal} so that a stored model reads back exactly.
 */
final class StoreJson {
    /** The largest checkpoint payload. */
    static final long MAX_CHECKPOINT = 512L * 1024 * 1024;
    /** The largest blob payload (a snapshot content or an organization's applied resources). */
    static final long MAX_BLOB = 64L * 1024 * 1024;

    // Deeper than any model the API accepts (64) plus the store's own wrapping.
    private static final int MAX_DEPTH = 128;

    // Reading (what an open does) needs only jackson-core: the mapper below is built on first write or tree read, which
    // spares an open of a vault the class loading and initialisation of jackson-databind (issue 21).
    private static final JsonFactory FACTORY = factory();

    private static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_CHECKPOINT)
                        .maxStringLength((int) MAX_BLOB)
                        .maxNameLength((int) MAX_BLOB)
                        .maxNumberLength(1_000)
                        .maxNestingDepth(MAX_DEPTH)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    // The mapper, built when first used.
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder(factory())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    private StoreJson() {
    }

    /** {@return {@code tree} (plain JSON values) as compact UTF-8 JSON} */
    static byte[] write(Object tree) {
        try {
            return Mapper.MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored tree holds only plain JSON values", e);
        }
    }

    /**
     * {@return the plain JSON value in {@code bytes}} The bytes were authenticated, so a failure means
     * that this build cannot read what another one wrote: STORE_CORRUPT naming {@code what}.
     */
    static Object read(byte[] bytes, String what) {
        try {
            return Mapper.MAPPER.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw StoreErrors.damaged(what, "decrypted but its content is not what this store writes");
        }
    }

    /**
     * {@return a generator writing one document to {@code out}, as {@link #write} would} Closing it flushes it but
     * leaves {@code out} open.
     */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** {@return a parser of {@code bytes} with the limits and strictness of {@link #read}} */
    static JsonParser parser(byte[] bytes) throws IOException {
        return FACTORY.createParser(bytes);
    }

    /**
     * {@return the plain JSON value at the parser's current token, which it consumes} As {@link #read} reads a
     * document, without checking what follows.
     */
    static Object value(JsonParser parser) throws IOException {
        return PlainJson.value(parser, true);
    }

    /** Writes {@code tree} (plain JSON values) as its next value, as {@link #write} would. */
    static void value(JsonGenerator generator, Object tree) throws IOException {
        Mapper.MAPPER.writeValue(generator, tree);
    }
}
