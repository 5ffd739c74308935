package io.offlinevault.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578, RFC 2046) read strictly from memory, with bounded
 * parts and part headers and no temporary files; malformed input is a {@link MalformedMultipartException}
 * whose message never quotes the body. Immutable and thread-safe.
 */
final class MultipartForm {
    /** The most parts a form may have (API.md section 3). */
    static final int MAX_PARTS = 16;
    static final int MAX_HEADER_LINES = 16;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_BOUNDARY_LENGTH = 70;

    private static final String MEDIA_TYPE = "multipart/form-data";
    private static final String BOUNDARY_SPECIALS = "'()+_,-./:=? ";
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Reads {@code body} as the multipart form that {@code contentTypeHeader} (may be null) announces,
     * with at most {@code maxParts} parts; throws {@link MalformedMultipartException} for anything else.
     */
    static MultipartForm parse(String contentTypeHeader, byte[] body, int maxParts) {
        requireNonNull(body, "body");
        if (maxParts < 0) {
            throw new IllegalArgumentException("maxParts must not be negative");
        }
        String boundary = boundary(contentTypeHeader);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(US_ASCII);
        return new MultipartForm(new Reader(body, delimiter, maxParts).read());
    }

    /** {@return the parts in the order of the body} */
    List<Part> parts() {
        return parts;
    }

    /** {@return the parts named {@code name}, in the order of the body, possibly none} */
    List<Part> named(String name) {
        requireNonNull(name, "name");
        return parts.stream().filter(part -> part.name().equals(name)).toList();
    }

    /**
     * {@return the content of the one part named {@code name} as UTF-8 text, empty when there is none}
     * Throws {@link MalformedMultipartException} when several parts carry the name or the content is
     * not valid UTF-8.
     */
    Optional<String> field(String name) {
        List<Part> found = named(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new MalformedMultipartException("more than one part is named " + name);
        }
        return Optional.of(strictUtf8(found.get(0).content(), 0, found.get(0).content().length)
                .orElseThrow(() -> new MalformedMultipartException("the part named " + name + " is not valid UTF-8")));
    }

    /**
     * One part of the form; {@code content} is the part's own copy of its bytes, handed out without a
     * further copy (a snapshot may be 64 MiB), so callers must not modify it. {@link #toString()}
     * never shows the content.
     */
    record Part(String name, Optional<String> filename, Optional<String> contentType, byte[] content) {
        Part {
            requireNonNull(name, "name");
            requireNonNull(filename, "filename");
            requireNonNull(contentType, "contentType");
            requireNonNull(content, "content");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Part that
                    && name.equals(that.name)
                    && filename.equals(that.filename)
                    && contentType.equals(that.contentType)
                    && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, filename, contentType) * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Part[name=" + name + ", filename=" + filename.orElse("(none)")
                    + ", contentType=" + contentType.orElse("(none)") + ", content=" + content.length + " bytes]";
        }
    }

    /** A body that is not a well-formed multipart form within the limits; the message names the fault, never the content. */
    static final class MalformedMultipartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedMultipartException(String message) {
            super(message);
        }
    }

    private static String boundary(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            throw new MalformedMultipartException("the request has no Content-Type, expected " + MEDIA_TYPE);
        }
        HeaderValue contentType = HeaderValue.parse(contentTypeHeader, "the Content-Type");
        if (!contentType.value().equalsIgnoreCase(MEDIA_TYPE)) {
            throw new MalformedMultipartException("the Content-Type is not " + MEDIA_TYPE);
        }
        String boundary = contentType.parameters().get("boundary");
        if (boundary == null) {
            throw new MalformedMultipartException("the Content-Type has no boundary parameter");
        }
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new MalformedMultipartException(
                    "the multipart boundary must be 1 to " + MAX_BOUNDARY_LENGTH + " characters long");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (!HeaderValue.isAsciiLetterOrDigit(c) && BOUNDARY_SPECIALS.indexOf(c) < 0) {
                throw new MalformedMultipartException("the multipart boundary holds a character RFC 2046 does not allow");
            }
        }
        if (boundary.endsWith(" ")) {
            throw new MalformedMultipartException("the multipart boundary ends with a space");
        }
        return boundary;
    }

    private static Optional<String> strictUtf8(byte[] bytes, int from, int to) {
        try {
            return Optional.of(UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The walk over one body; {@code delimiter} is CRLF "--" boundary. */
    private static final class Reader {
        private final byte[] body;
        private final byte[] delimiter;
        private final int maxParts;

        Reader(byte[] body, byte[] delimiter, int maxParts) {
            this.body = body;
            this.delimiter = delimiter;
            this.maxParts = maxParts;
        }

        List<Part> read() {
            List<Part> parts = new ArrayList<>();
            // the first boundary line needs no CRLF before it when there is no preamble
            int position;
            if (startsWithDashBoundary()) {
                position = delimiter.length - 2;
            } else {
                int found = find(0);
                if (found < 0) {
                    throw new MalformedMultipartException("the body has no boundary line");
                }
                position = found + delimiter.length;
            }
            while (!isCloseDelimiter(position)) {
                int number = parts.size() + 1;
                int headersStart = endOfBoundaryLine(position);
                if (parts.size() == maxParts) {
                    throw new MalformedMultipartException("more than " + maxParts + " parts");
                }
                PartHeaders headers = readHeaders(headersStart, number);
                int contentEnd = find(headers.contentStart());
                if (contentEnd < 0) {
                    throw new MalformedMultipartException("the body ends in part " + number + ", without a close delimiter");
                }
                parts.add(new Part(headers.name(), headers.filename(), headers.contentType(),
                        Arrays.copyOfRange(body, headers.contentStart(), contentEnd)));
                position = contentEnd + delimiter.length;
            }
            checkCloseDelimiterLine(position + 2);
            return parts;
        }

        private boolean isCloseDelimiter(int position) {
            return position + 1 < body.length && body[position] == '-' && body[position + 1] == '-';
        }

        private int skipPadding(int position) {
            // RFC 2046 transport padding: receivers must accept linear whitespace after a boundary
            int at = position;
            while (at < body.length && (body[at] == ' ' || body[at] == '\t')) {
                at++;
            }
            return at;
        }

        private int endOfBoundaryLine(int position) {
            int at = skipPadding(position);
            if (at + 1 < body.length && body[at] == CR && body[at + 1] == LF) {
                return at + 2;
            }
            if (at + 1 >= body.length) {
                throw new MalformedMultipartException("the body ends after a boundary line, without a close delimiter");
            }
            throw new MalformedMultipartException("a boundary line is followed by other characters");
        }

        private void checkCloseDelimiterLine(int position) {
            int at = skipPadding(position);
            boolean endOfLine = at == body.length || (at + 1 < body.length && body[at] == CR && body[at + 1] == LF);
            if (!endOfLine) {
                throw new MalformedMultipartException("the close delimiter is followed by other characters on its line");
            }
        }

        private boolean startsWithDashBoundary() {
            int length = delimiter.length - 2;
            return length <= body.length && Arrays.equals(body, 0, length, delimiter, 2, delimiter.length);
        }

        /**
         * Finds the next delimiter from {@code from}. Linear in the body length: the delimiter holds its
         * first byte (CR) nowhere else, so a partial match of k bytes holds no CR after its start and the
         * next candidate lies at least k bytes further.
         */
        private int find(int from) {
            int last = body.length - delimiter.length;
            for (int at = from; at <= last; at++) {
                if (body[at] == CR && body[at + 1] == LF
                        && Arrays.equals(body, at, at + delimiter.length, delimiter, 0, delimiter.length)) {
                    return at;
                }
            }
            return -1;
        }

        private PartHeaders readHeaders(int start, int number) {
            String disposition = null;
            String contentType = null;
            int lines = 0;
            int position = start;
            int lineEnd = endOfHeaderLine(position, start, number);
            while (lineEnd > position) {
                lines++;
                if (lines > MAX_HEADER_LINES) {
                    throw new MalformedMultipartException(
                            "part " + number + " has more than " + MAX_HEADER_LINES + " header lines");
                }
                String line = strictUtf8(body, position, lineEnd).orElseThrow(
                        () -> new MalformedMultipartException("the headers of part " + number + " are not valid UTF-8"));
                int colon = line.indexOf(':');
                if (colon <= 0 || !line.substring(0, colon).chars().allMatch(c -> HeaderValue.isTokenChar((char) c))) {
                    throw new MalformedMultipartException("part " + number + " has a header line that is not a name and a value");
                }
                String headerName = line.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = HeaderValue.trimWhitespace(line.substring(colon + 1));
                if (headerName.equals("content-disposition")) {
                    if (disposition != null) {
                        throw new MalformedMultipartException("part " + number + " has two Content-Disposition headers");
                    }
                    disposition = value;
                } else if (headerName.equals("content-type")) {
                    if (contentType != null) {
                        throw new MalformedMultipartException("part " + number + " has two Content-Type headers");
                    }
                    contentType = value;
                }
                position = lineEnd + 2;
                lineEnd = endOfHeaderLine(position, start, number);
            }
            if (disposition == null) {
                throw new MalformedMultipartException("part " + number + " has no Content-Disposition header");
            }
            HeaderValue parsed = HeaderValue.parse(disposition, "the Content-Disposition of part " + number);
            if (!parsed.value().equalsIgnoreCase("form-data")) {
                throw new MalformedMultipartException("the Content-Disposition of part " + number + " is not form-data");
            }
            String name = parsed.parameters().get("name");
            if (name == null) {
                throw new MalformedMultipartException("the Content-Disposition of part " + number + " has no name");
            }
            return new PartHeaders(name, Optional.ofNullable(parsed.parameters().get("filename")),
                    Optional.ofNullable(contentType), lineEnd + 2);
        }

        /** {@return the index of the CR that ends the header line at {@code position}} */
        private int endOfHeaderLine(int position, int headersStart, int number) {
            int limit = Math.min(body.length, headersStart + MAX_HEADER_BYTES);
            for (int at = position; at < limit; at++) {
                int b = body[at] & 0xff;
                if (b == CR) {
                    if (at + 1 == limit) {
                        break;
                    }
                    if (body[at + 1] != LF) {
                        throw new MalformedMultipartException("the headers of part " + number + " hold a CR without LF");
                    }
                    if (at > position && (body[position] == ' ' || body[position] == '\t')) {
                        throw new MalformedMultipartException("part " + number + " has a folded header line");
                    }
                    return at;
                } else if (b == LF) {
                    throw new MalformedMultipartException("the headers of part " + number + " hold an LF without CR");
                } else if (HeaderValue.isControl(b)) {
                    throw new MalformedMultipartException("the headers of part " + number + " hold a control character");
                }
            }
            if (limit < body.length) {
                throw new MalformedMultipartException(
                        "the headers of part " + number + " are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            throw new MalformedMultipartException("the body ends in the headers of part " + number);
        }
    }

    private record PartHeaders(String name, Optional<String> filename, Optional<String> contentType, int contentStart) {
    }
}
