package io.offlinevault.http.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.offlinevault.domain.error.InvalidJsonException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of the wire, configured once: strict UTF-8, one value per document, no duplicate keys,
 * nesting of at most {@value #MAX_DEPTH}, strings no longer than the body allows, floats read as
 * {@code BigDecimal}. Bodies become plain Java values ({@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}, {@code null}) so that the domain judges types itself. Errors never
 * quote the input. Thread-safe.
 */
public final class WireJson {
    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 64;
    /** The largest JSON body of an ordinary route. */
    public static final int MAX_BODY = 1024 * 1024;
    /** The largest bulk import of entries: a JSON array of entry bodies, as {@code snapshot template} writes. */
    public static final int MAX_IMPORT = 64 * 1024 * 1024;

    private static final Map<Integer, ObjectMapper> READERS = new ConcurrentHashMap<>();
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private WireJson() {
    }

    /**
     * {@return the JSON value of {@code bytes}, read within {@code maxBytes}} {@code what} names the
     * input in the error ("the request body").
     *
     * @throws InvalidJsonException when the bytes are not one strict JSON document
     */
    public static Object read(byte[] bytes, int maxBytes, String what) {
        return stream(bytes, maxBytes, what, parser -> {
            Object value = parser.readValueAs(Object.class);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "Trailing token");
            }
            return value;
        });
    }

    /** Reads a document token by token: what a streaming reader implements. */
    @FunctionalInterface
    public interface StreamReader<T> {
        /** {@return what was read from {@code parser}, positioned before the document's first token} */
        T read(JsonParser parser) throws IOException;
    }

    /**
     * {@return what {@code reader} reads from {@code bytes}, parsed with the same rules and limits as
     * {@link #read}} For documents too large to hold as one tree: the reader pulls one part at a time
     * (for example with {@code parser.readValueAs(Object.class)}) and must check that nothing follows.
     *
     * @throws InvalidJsonException when the bytes are not one strict JSON document
     */
    public static <T> T stream(byte[] bytes, int maxBytes, String what, StreamReader<T> reader) {
        try (JsonParser parser = parser(bytes, reader(maxBytes))) {
            if (parser.nextToken() == null) {
                throw new InvalidJsonException(capitalize(what) + " is empty; a JSON document was expected.");
            }
            return reader.read(parser);
        } catch (StreamConstraintsException e) {
            throw new InvalidJsonException(capitalize(what) + " breaks a JSON limit (nesting deeper than " + MAX_DEPTH
                    + ", or a string or number too long).");
        } catch (JsonProcessingException e) {
            throw invalid(what, e);
        } catch (CharacterCodingException e) {
            throw new InvalidJsonException(capitalize(what) + " is not valid UTF-8.");
        } catch (IOException e) {
            throw new InvalidJsonException(capitalize(what) + " could not be read as JSON.");
        }
    }

    // Strict UTF-8, never UTF-16 or UTF-32 (which Jackson would guess from zero bytes or a byte-order mark). Plain
    // ASCII without a zero byte where Jackson looks for one is UTF-8 whatever it guesses, so it is read from the bytes
    // themselves (a create's body: no decoder, no 8 KiB buffers, Jackson's faster byte parser); anything else is decoded
    // as a stream, strictly, without a copy of the whole text.
    private static JsonParser parser(byte[] bytes, ObjectMapper mapper) throws IOException {
        if (isAsciiWithoutLeadingZero(bytes)) {
            return mapper.createParser(bytes);
        }
        return mapper.createParser(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    private static boolean isAsciiWithoutLeadingZero(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0 || (bytes[i] == 0 && i < 4)) {
                return false;
            }
        }
        return true;
    }

    private static InvalidJsonException invalid(String what, JsonProcessingException e) {
        return new InvalidJsonException(capitalize(what) + " is not valid JSON"
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")") + ": " + problem(e) + ".");
    }

    /** {@return the JSON object of {@code bytes}}; any other JSON value is an {@link InvalidJsonException}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(byte[] bytes, int maxBytes, String what) {
        Object value = read(bytes, maxBytes, what);
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidJsonException(capitalize(what) + " must be a JSON object.");
        }
        return (Map<String, Object>) value;
    }

    /** Writes one JSON document field by field, without building a tree of maps first. */
    @FunctionalInterface
    public interface Body {
        /** Writes the document to {@code out}, which is positioned before its first token. */
        void write(JsonGenerator out) throws IOException;
    }

    /** {@return the document that {@code body} writes, as compact UTF-8 JSON, the same bytes as {@link #write(Object)}} */
    public static byte[] write(Body body) {
        // Jackson's segmented buffer: a page of entries (~20 KB) grows without copying what it holds, then is copied once.
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512)) {
            try (JsonGenerator out = WRITER.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                body.write(out);
            } catch (IOException e) {
                throw new IllegalStateException("writing JSON to memory failed", e);
            }
            return bytes.toByteArray();
        }
    }

    /** {@return {@code value} (plain Java values) as compact UTF-8 JSON} */
    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a plain JSON value", e);
        }
    }

    // One mapper per limit (a few limits exist: the JSON body, the snapshot upload), built once.
    private static ObjectMapper reader(int maxBytes) {
        return READERS.computeIfAbsent(maxBytes, WireJson::newReader);
    }

    private static ObjectMapper newReader(int maxBytes) {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxStringLength(Math.max(maxBytes, 1))
                                .maxNameLength(Math.max(maxBytes, 1))
                                .maxNumberLength(1_000)
                                .maxDocumentLength(Math.max(maxBytes, 1))
                                .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                        .build())
                // no FAIL_ON_TRAILING_TOKENS: it would fire inside a streamed document; read() checks the end itself
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    // Jackson's own message may quote the input (a value could be a secret): say only what kind of problem it is.
    private static String problem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return "a key appears twice in one object";
        }
        if (message.contains("Trailing token") || message.contains("trailing token")) {
            return "there is more after the JSON value";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "it ends too early";
        }
        return "unexpected character or token";
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
