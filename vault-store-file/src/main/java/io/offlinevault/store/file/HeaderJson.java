package io.offlinevault.store.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of container headers: written with sorted keys (the bytes are the AAD, so they must be stable)
 * and read strictly (UTF-8 only, one object, no duplicate keys, no trailing tokens, explicit limits).
 */
final class HeaderJson {
    /** The largest header, in bytes. */
    static final int MAX_BYTES = 64 * 1024;

    // Reading needs only jackson-core (an open reads a header of every file it opens); the mapper, which writes
    // with sorted keys, is built on the first write (issue 21).
    private static final JsonFactory FACTORY = factory();

    private static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_BYTES)
                        .maxStringLength(MAX_BYTES)
                        .maxNameLength(256)
                        .maxNumberLength(32)
                        .maxNestingDepth(16)
                        .maxTokenCount(16_384)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    // The mapper, built when first used.
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder(factory())
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    private HeaderJson() {
    }

    /** {@return {@code fields} as compact UTF-8 JSON with sorted keys} Values are JSON-like Java values. */
    static byte[] write(Map<String, Object> fields) {
        try {
            return Mapper.MAPPER.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a header holds only strings, numbers, booleans, lists and maps", e);
        }
    }

    /**
     * {@return the fields of {@code bytes}, or empty when they are not exactly one JSON object in strict
     * UTF-8 within the limits} Numbers come back as {@code Integer}, {@code Long}, {@code BigInteger} or
     * {@code Double}; the map is unmodifiable at the top level.
     */
    static Optional<Map<String, Object>> read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            // Decoding first keeps Jackson from guessing UTF-16 or UTF-32 from the byte pattern.
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            try (JsonParser in = FACTORY.createParser(text)) {
                if (in.nextToken() != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) PlainJson.value(in, false);
                if (in.nextToken() != null) {
                    return Optional.empty();
                }
                return Optional.of(Collections.unmodifiableMap(fields));
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
