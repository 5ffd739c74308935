package io.offlinevault.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

import io.offlinevault.http.MultipartForm.MalformedMultipartException;
import io.offlinevault.http.MultipartForm.Part;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartFormTest {
    private static final int MAX_PARTS = 16;
    private static final String TOKEN = "ovt_S3ntinelT0kenValue-never-printed_0123456789ab";
    private static final String UNDICI_BOUNDARY = "----formdata-undici-026914137581";
    private static final String UNDICI_TYPE = "multipart/form-data; boundary=" + UNDICI_BOUNDARY;

    // --- what clients send ---

    @ParameterizedTest
    @ValueSource(strings = {"", "\r\n"})
    void reads_a_text_field_as_undici_sends_it(String afterClose) {
        // given: FormData.append("token", token) serialized by undici (older versions end without CRLF)
        byte[] body = ascii("--" + UNDICI_BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"token\"\r\n"
                + "\r\n"
                + TOKEN + "\r\n"
                + "--" + UNDICI_BOUNDARY + "--" + afterClose);

        // when
        MultipartForm form = MultipartForm.parse(UNDICI_TYPE, body, MAX_PARTS);

        // then
        assertThat(form.field("token")).contains(TOKEN);
        assertThat(form.parts()).singleElement().satisfies(part -> {
            assertThat(part.filename()).isEmpty();
            assertThat(part.contentType()).isEmpty();
        });
    }

    @Test
    void reads_a_blob_file_part_as_undici_sends_it() {
        // given: FormData.append("file", new Blob([json])) as resourceSnapshot.createFromFile sends it
        byte[] json = utf8("{\"resources\": {\"SOURCE\": []}, \"note\": \"caf\u00e9\"}");
        byte[] body = concat(
                ascii("--" + UNDICI_BOUNDARY + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                        + "Content-Type: application/octet-stream\r\n"
                        + "\r\n"),
                json,
                ascii("\r\n--" + UNDICI_BOUNDARY + "--\r\n"));

        // when
        MultipartForm form = MultipartForm.parse(UNDICI_TYPE, body, MAX_PARTS);

        // then
        assertThat(form.named("file")).containsExactly(
                new Part("file", Optional.of("blob"), Optional.of("application/octet-stream"), json));
    }

    @Test
    void reads_the_math_random_boundary_of_older_undici_versions() {
        String boundary = "----formdata-undici-0.6283185307179586";
        byte[] body = form(boundary, textPart("token", TOKEN));

        assertThat(MultipartForm.parse("multipart/form-data; boundary=" + boundary, body, MAX_PARTS).field("token"))
                .contains(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/form-data; boundary=simple",
        "multipart/form-data; boundary=\"simple\"",
        "Multipart/Form-Data;boundary=simple",
        "multipart/form-data ;  boundary=simple ; charset=utf-8",
        "multipart/form-data; charset=\"utf-8\"; BOUNDARY=\"simple\"",
        "multipart/form-data;;\tboundary=simple;",
        "multipart/form-data; boundary=\"sim\\ple\"",
    })
    void accepts_the_boundary_quoted_or_not_among_other_parameters(String contentType) {
        byte[] body = form("simple", textPart("token", TOKEN));

        assertThat(MultipartForm.parse(contentType, body, MAX_PARTS).field("token")).contains(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "'()+_,-./:=?", "with inner spaces", "--", "=?utf-8?q?x?=", "0123456789"})
    void accepts_every_boundary_character_of_rfc_2046(String boundary) {
        byte[] body = form(boundary, textPart("token", TOKEN), textPart("other", "x"));

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=\"" + boundary + "\"", body, MAX_PARTS);

        assertThat(form.field("token")).contains(TOKEN);
        assertThat(form.field("other")).contains("x");
    }

    @Test
    void accepts_special_boundary_characters_unquoted() {
        String boundary = "a'()+_,-./:=?z";
        byte[] body = form(boundary, textPart("token", TOKEN));

        assertThat(MultipartForm.parse("multipart/form-data; boundary=" + boundary, body, MAX_PARTS).field("token"))
                .contains(TOKEN);
    }

    @Test
    void accepts_a_boundary_of_70_characters() {
        String boundary = "b".repeat(70);

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=" + boundary,
                form(boundary, textPart("token", TOKEN)), MAX_PARTS);

        assertThat(form.field("token")).contains(TOKEN);
    }

    // --- structure ---

    @Test
    void ignores_the_preamble_and_the_epilogue() {
        // given
        byte[] body = concat(
                ascii("This is the preamble.\r\nIt may hold --simple without a line of its own.\r\n"),
                form("simple", textPart("token", TOKEN)),
                ascii("This is the epilogue.\r\n--simple\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nx"));

        // when
        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        // then
        assertThat(form.parts()).hasSize(1);
        assertThat(form.field("token")).contains(TOKEN);
    }

    @Test
    void accepts_transport_padding_after_boundary_lines() {
        byte[] body = ascii("--simple \t\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN
                + "\r\n--simple--  \r\n");

        assertThat(MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS).field("token"))
                .contains(TOKEN);
    }

    @Test
    void reads_an_empty_part() {
        byte[] body = form("simple", textPart("empty", ""), textPart("token", TOKEN));

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        assertThat(form.named("empty")).singleElement().extracting(Part::content).isEqualTo(new byte[0]);
        assertThat(form.field("empty")).contains("");
        assertThat(form.field("token")).contains(TOKEN);
    }

    @Test
    void reads_a_form_without_parts() {
        assertThat(MultipartForm.parse("multipart/form-data; boundary=simple", ascii("--simple--"), MAX_PARTS).parts())
                .isEmpty();
    }

    @Test
    void does_not_split_on_a_boundary_without_crlf_before_it() {
        String content = "--simple\r\n-\r\n--x--simple--\r\n --simple\r\n";
        byte[] body = form("simple", textPart("data", content));

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        assertThat(form.parts()).hasSize(1);
        assertThat(form.field("data")).contains(content);
    }

    @Test
    void keeps_line_breaks_inside_the_content() {
        String content = "\r\n\r\nline one\r\nline two\n\rthree\r\n-\r\n--\r\n--simpl\r\n";
        byte[] body = form("simple", textPart("data", content), textPart("after", "x"));

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        assertThat(form.field("data")).contains(content);
        assertThat(form.field("after")).contains("x");
    }

    @Test
    void keeps_binary_content_with_every_byte_value() {
        // given
        byte[] binary = new byte[256 * 3];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        byte[] body = form("simple", filePart("file", "blob", "application/zip", binary), textPart("token", TOKEN));

        // when
        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        // then
        assertThat(form.named("file")).singleElement().extracting(Part::content).isEqualTo(binary);
        assertThat(form.field("token")).contains(TOKEN);
    }

    @Test
    void keeps_parts_with_the_same_name_in_order() {
        byte[] body = form("simple", textPart("tag", "one"), textPart("token", TOKEN), textPart("tag", "two"));

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        assertThat(form.named("tag")).extracting(part -> new String(part.content(), UTF_8)).containsExactly("one", "two");
        assertThat(form.parts()).extracting(Part::name).containsExactly("tag", "token", "tag");
        assertThatExceptionOfType(MalformedMultipartException.class)
                .isThrownBy(() -> form.field("tag"))
                .withMessage("more than one part is named tag");
    }

    @Test
    void reads_header_names_in_any_case_and_ignores_other_headers_and_parameters() {
        // given
        byte[] body = utf8("--simple\r\n"
                + "X-Extra: ignored\r\n"
                + "content-disposition: FORM-DATA; filename*=UTF-8''r%C3%A9sum%C3%A9.json;"
                + " Name=\"a \\\"quoted\\\" name\"; FILENAME=\"r\u00e9sum\u00e9.json\"; size=12\r\n"
                + "CONTENT-TYPE: application/json; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "\r\n"
                + "{}\r\n--simple--");

        // when
        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        // then
        assertThat(form.parts()).containsExactly(new Part("a \"quoted\" name", Optional.of("r\u00e9sum\u00e9.json"),
                Optional.of("application/json; charset=utf-8"), ascii("{}")));
    }

    @Test
    void reads_sixteen_parts_and_refuses_seventeen() {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            parts.add(textPart("field" + i, "value" + i));
        }
        byte[] sixteen = form("simple", parts.subList(0, 16).toArray(byte[][]::new));
        byte[] seventeen = form("simple", parts.toArray(byte[][]::new));

        assertThat(MultipartForm.parse("multipart/form-data; boundary=simple", sixteen, MAX_PARTS).parts()).hasSize(16);
        assertThatExceptionOfType(MalformedMultipartException.class)
                .isThrownBy(() -> MultipartForm.parse("multipart/form-data; boundary=simple", seventeen, MAX_PARTS))
                .withMessage("more than 16 parts");
    }

    @Test
    void reads_a_64_mib_file_part() {
        // given
        byte[] content = new byte[64 * 1024 * 1024 - 200];
        new Random(7).nextBytes(content);
        byte[] body = form(UNDICI_BOUNDARY, filePart("file", "blob", "application/octet-stream", content));

        // when
        MultipartForm form = MultipartForm.parse(UNDICI_TYPE, body, MAX_PARTS);

        // then
        assertThat(Arrays.equals(form.named("file").get(0).content(), content)).isTrue();
    }

    // --- refused bodies ---

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json",
        "multipart/mixed; boundary=simple",
        "multipart/form-data-x; boundary=simple",
        "text/plain",
        "",
        "  ",
        "; boundary=simple",
    })
    void refuses_a_content_type_that_is_not_multipart_form_data(String contentType) {
        assertMalformed(contentType, form("simple", textPart("token", TOKEN)), "Content-Type");
    }

    @Test
    void refuses_a_missing_content_type() {
        assertMalformed(null, form("simple", textPart("token", TOKEN)), "no Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/form-data",
        "multipart/form-data;",
        "multipart/form-data; charset=utf-8",
        "multipart/form-data; boundaryx=simple",
    })
    void refuses_a_content_type_without_a_boundary(String contentType) {
        assertMalformed(contentType, form("simple", textPart("token", TOKEN)), "no boundary");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=\"simple",
        "multipart/form-data; boundary=simple; boundary=simple",
        "multipart/form-data; boundary=\"simple\"x",
        "multipart/form-data; boundary =simple",
        "multipart/form-data; boundary=\"a;b\"",
        "multipart/form-data; boundary=\"trailing space \"",
        "multipart/form-data; boundary=\"tab\there\"",
        "multipart/form-data; boundary=caf\u00e9",
        "multipart/form-data; boundary=[brackets]",
    })
    void refuses_a_malformed_boundary_parameter(String contentType) {
        assertMalformed(contentType, form("simple", textPart("token", TOKEN)), "");
    }

    @Test
    void refuses_a_boundary_longer_than_70_characters() {
        String boundary = "b".repeat(71);

        assertMalformed("multipart/form-data; boundary=" + boundary, form(boundary, textPart("token", TOKEN)),
                "1 to 70 characters");
    }

    @Test
    void refuses_a_body_without_a_boundary_line() {
        assertMalformed("multipart/form-data; boundary=simple", ascii("token=" + TOKEN), "no boundary line");
        assertMalformed("multipart/form-data; boundary=simple", new byte[0], "no boundary line");
        assertMalformed("multipart/form-data; boundary=other", form("simple", textPart("token", TOKEN)),
                "no boundary line");
    }

    @Test
    void refuses_a_body_without_the_close_delimiter() {
        byte[] complete = form("simple", textPart("token", TOKEN));
        byte[] withoutClose = ascii("--simple\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN + "\r\n");
        byte[] endsAfterBoundary = ascii("--simple\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN
                + "\r\n--simple");

        assertMalformed("multipart/form-data; boundary=simple", withoutClose, "without a close delimiter");
        assertMalformed("multipart/form-data; boundary=simple", endsAfterBoundary, "without a close delimiter");
        assertMalformed("multipart/form-data; boundary=simple",
                Arrays.copyOf(complete, complete.length - 3), "without a close delimiter");
    }

    @Test
    void refuses_a_body_truncated_in_the_headers() {
        assertMalformed("multipart/form-data; boundary=simple",
                ascii("--simple\r\nContent-Disposition: form-data; name=\"tok"), "ends in the headers of part 1");
        assertMalformed("multipart/form-data; boundary=simple",
                ascii("--simple\r\nContent-Disposition: form-data; name=\"token\"\r\n"), "ends in the headers of part 1");
        assertMalformed("multipart/form-data; boundary=simple",
                ascii("--simple\r\nContent-Disposition: form-data; name=\"token\"\r"), "ends in the headers of part 1");
    }

    @Test
    void refuses_a_part_without_a_name() {
        byte[] noName = form("simple", textPart("token", TOKEN), ascii(
                "Content-Disposition: form-data; filename=\"blob\"\r\n\r\n" + TOKEN));
        byte[] noDisposition = form("simple", ascii("Content-Type: text/plain\r\n\r\n" + TOKEN));
        byte[] noHeaders = form("simple", ascii("\r\n" + TOKEN));
        byte[] notFormData = form("simple", ascii("Content-Disposition: attachment; name=\"token\"\r\n\r\n" + TOKEN));

        assertMalformed("multipart/form-data; boundary=simple", noName, "part 2 has no name");
        assertMalformed("multipart/form-data; boundary=simple", noDisposition, "part 1 has no Content-Disposition");
        assertMalformed("multipart/form-data; boundary=simple", noHeaders, "part 1 has no Content-Disposition");
        assertMalformed("multipart/form-data; boundary=simple", notFormData, "is not form-data");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Content-Disposition: form-data; name=\"token\r\n",
        "Content-Disposition: form-data; name=\"token\"; name=\"other\"\r\n",
        "Content-Disposition: form-data; name=\r\n",
        "Content-Disposition: form-data; name\r\n",
        "Content-Disposition: form-data name=\"token\"\r\n",
        "Content-Disposition:\r\n",
        "Content-Disposition: form-data; name=\"token\"\r\nContent-Disposition: form-data; name=\"token\"\r\n",
        "Content-Disposition: form-data; name=\"token\"\r\nContent-Type: a\r\nContent-Type: b\r\n",
        "Content-Disposition: form-data; name=\"token\"\r\nno colon here\r\n",
        "Content-Disposition: form-data; name=\"token\"\r\n: no name\r\n",
        "Content-Disposition: form-data; name=\"token\"\r\nBad Name: x\r\n",
        "Content-Disposition: form-data;\r\n name=\"token\"\r\n",
        "Content-Disposition: form-data; name=\"token\"\nContent-Type: text/plain\r\n",
        "Content-Disposition: form-data; name=\"token\"\rContent-Type: text/plain\r\n",
        "Content-Disposition: form-data; name=\"tok\0en\"\r\n",
    })
    void refuses_malformed_part_headers(String headers) {
        byte[] body = form("simple", ascii(headers + "\r\n" + TOKEN));

        assertMalformed("multipart/form-data; boundary=simple", body, "");
    }

    @Test
    void refuses_lf_only_line_breaks() {
        byte[] body = ascii("--simple\nContent-Disposition: form-data; name=token\n\n" + TOKEN + "\n--simple--\n");

        assertMalformed("multipart/form-data; boundary=simple", body, "");
    }

    @Test
    void refuses_a_boundary_line_followed_by_other_characters() {
        byte[] body = form("simple", textPart("token", TOKEN + "\r\n--simpleX"));
        byte[] close = ascii("--simple\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN
                + "\r\n--simple--X\r\n");

        assertMalformed("multipart/form-data; boundary=simple", body, "followed by other characters");
        assertMalformed("multipart/form-data; boundary=simple", close, "followed by other characters");
    }

    @Test
    void refuses_too_many_header_lines() {
        String sixteen = "Content-Disposition: form-data; name=token\r\n" + "X-Filler: x\r\n".repeat(15);
        byte[] ok = form("simple", ascii(sixteen + "\r\n" + TOKEN));
        byte[] flood = form("simple", ascii(sixteen + "X-Filler: x\r\n\r\n" + TOKEN));

        assertThat(MultipartForm.parse("multipart/form-data; boundary=simple", ok, MAX_PARTS).field("token"))
                .contains(TOKEN);
        assertMalformed("multipart/form-data; boundary=simple", flood, "more than 16 header lines");
    }

    @Test
    void refuses_headers_longer_than_8_kib() {
        String disposition = "Content-Disposition: form-data; name=token\r\n";
        String filler = "X-Filler: " + "x".repeat(8192 - disposition.length() - 2 - 12) + "\r\n";
        byte[] ok = form("simple", ascii(disposition + filler + "\r\n" + TOKEN));
        byte[] tooLong = form("simple", ascii(disposition + "X" + filler + "\r\n" + TOKEN));
        byte[] endless = concat(ascii("--simple\r\n"), ascii("y".repeat(1 << 20)));

        assertThat(MultipartForm.parse("multipart/form-data; boundary=simple", ok, MAX_PARTS).field("token"))
                .contains(TOKEN);
        assertMalformed("multipart/form-data; boundary=simple", tooLong, "longer than 8192 bytes");
        assertMalformed("multipart/form-data; boundary=simple", endless, "longer than 8192 bytes");
    }

    @Test
    void refuses_headers_that_are_not_utf_8() {
        byte[] body = form("simple", concat(ascii("Content-Disposition: form-data; name=\""),
                new byte[] {(byte) 0xc3, (byte) 0x28}, ascii("\"\r\n\r\n" + TOKEN)));

        assertMalformed("multipart/form-data; boundary=simple", body, "not valid UTF-8");
    }

    @Test
    void field_refuses_content_that_is_not_utf_8() {
        byte[] body = form("simple", filePart("token", "blob", "text/plain", new byte[] {'a', (byte) 0xff, 'b'}));
        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=simple", body, MAX_PARTS);

        assertThatExceptionOfType(MalformedMultipartException.class)
                .isThrownBy(() -> form.field("token"))
                .withMessage("the part named token is not valid UTF-8");
        assertThat(form.field("absent")).isEmpty();
    }

    // --- secrets ---

    @Test
    void never_shows_a_token_in_an_exception_message_or_in_to_string() {
        // given: bodies that carry the token and fail at every stage of the reader
        String type = "multipart/form-data; boundary=simple";
        List<byte[]> malformed = List.of(
                ascii(TOKEN),
                ascii("--simple\r\nContent-Disposition: form-data; name=\"" + TOKEN + "\"; name=x\r\n\r\nv\r\n--simple--"),
                ascii("--simple\r\nContent-Disposition: form-data; " + TOKEN + "\r\n\r\nv\r\n--simple--"),
                ascii("--simple\r\nContent-Disposition: " + TOKEN + "\r\n\r\nv\r\n--simple--"),
                ascii("--simple\r\n" + TOKEN + "\r\n\r\nv\r\n--simple--"),
                ascii("--simple\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN),
                ascii("--simple\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN + "\r\n--simple" + TOKEN),
                ascii("--simple\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN + "\r\n--simple--" + TOKEN),
                ascii("--simple\r\nContent-Disposition: form-data; name=\"" + TOKEN + "\r\n\r\nv\r\n--simple--"),
                ascii(("--simple\r\nContent-Disposition: form-data; name=token\r\n\r\n" + TOKEN + "\r\n")
                        .repeat(MAX_PARTS + 1) + "--simple--"));
        List<String> contentTypes = List.of(TOKEN, "multipart/form-data; boundary=\"" + TOKEN + TOKEN + "\"",
                "multipart/form-data; boundary=\"" + TOKEN, "multipart/form-data; " + TOKEN);

        // when / then
        for (byte[] body : malformed) {
            assertThatExceptionOfType(MalformedMultipartException.class)
                    .isThrownBy(() -> MultipartForm.parse(type, body, MAX_PARTS))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("S3ntinel"));
        }
        for (String contentType : contentTypes) {
            assertThatExceptionOfType(MalformedMultipartException.class)
                    .isThrownBy(() -> MultipartForm.parse(contentType, form("simple", textPart("token", TOKEN)), MAX_PARTS))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3ntinel"));
        }
        byte[] invalidUtf8 = form("simple", textPart("token", TOKEN), filePart("token", "b", "x/y", new byte[] {(byte) 0xff}));
        assertThatExceptionOfType(MalformedMultipartException.class)
                .isThrownBy(() -> MultipartForm.parse(type, invalidUtf8, MAX_PARTS).field("token"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3ntinel"));
        Part part = MultipartForm.parse(type, form("simple", textPart("token", TOKEN)), MAX_PARTS).parts().get(0);
        assertThat(part.toString()).doesNotContain("S3ntinel").contains("name=token", TOKEN.length() + " bytes");
    }

    // --- generated input ---

    @Test
    void reads_back_random_forms_exactly() {
        Random random = new Random(20261127);
        String[] boundaries = {"simple", UNDICI_BOUNDARY, "'()+_,-./:=? x", "-"};
        for (int round = 0; round < 2_000; round++) {
            // given
            String boundary = boundaries[random.nextInt(boundaries.length)];
            int count = random.nextInt(MAX_PARTS + 1);
            List<Part> expected = new ArrayList<>();
            List<byte[]> encoded = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] content = randomContent(random, boundary);
                Optional<String> filename = random.nextBoolean() ? Optional.of("f" + i) : Optional.empty();
                Optional<String> contentType = random.nextBoolean() ? Optional.of("application/octet-stream") : Optional.empty();
                expected.add(new Part("p" + random.nextInt(4), filename, contentType, content));
                Part part = expected.get(i);
                encoded.add(concat(ascii("Content-Disposition: form-data; name=\"" + part.name() + "\""
                        + part.filename().map(name -> "; filename=\"" + name + "\"").orElse("") + "\r\n"
                        + part.contentType().map(type -> "Content-Type: " + type + "\r\n").orElse("") + "\r\n"),
                        content));
            }

            // when
            MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=\"" + boundary + "\"",
                    form(boundary, encoded.toArray(byte[][]::new)), MAX_PARTS);

            // then
            assertThat(form.parts()).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void survives_random_mutations_of_valid_bodies() {
        // given
        Random random = new Random(20261126);
        String quoted = "'()+_,-./:=? q";
        List<String> types = List.of(UNDICI_TYPE, UNDICI_TYPE, "multipart/form-data; boundary=simple",
                "multipart/form-data; charset=utf-8; boundary=\"" + quoted + "\"", UNDICI_TYPE);
        byte[] binary = new byte[512];
        random.nextBytes(binary);
        List<byte[]> sixteen = new ArrayList<>();
        for (int i = 0; i < MAX_PARTS; i++) {
            sixteen.add(textPart("f" + i, "v" + i));
        }
        List<byte[]> seeds = List.of(
                form(UNDICI_BOUNDARY, textPart("token", TOKEN)),
                form(UNDICI_BOUNDARY, filePart("file", "blob", "application/octet-stream", binary)),
                concat(ascii("preamble\r\n"), form("simple", textPart("a", ""), textPart("token", TOKEN + "\r\n--simpl")),
                        ascii("epilogue")),
                form(quoted, filePart("file", "blob", "application/json", utf8("{\"a\": \"\u00e9\"}")),
                        textPart("token", TOKEN)),
                form(UNDICI_BOUNDARY, sixteen.toArray(byte[][]::new)));
        List<byte[]> fragments = List.of(ascii("\r\n"), ascii("--"), ascii("\r\n--simple"), ascii("\r\n--simple--"),
                ascii("\r\n--" + UNDICI_BOUNDARY), ascii("\r\n--" + UNDICI_BOUNDARY + "--\r\n"), ascii("\r\n\r\n"),
                ascii("\""), ascii("\\"), ascii(";"), ascii("Content-Disposition: form-data; name=x\r\n"),
                new byte[] {(byte) 0xff, (byte) 0xc3}, new byte[] {0}, ascii("\r"), ascii("\n"), ascii(" "));
        int parsed = 0;
        int refused = 0;

        for (int round = 0; round < 20_000; round++) {
            int seed = random.nextInt(seeds.size());
            byte[] body = seeds.get(seed);
            String contentType = types.get(seed);
            int mutations = 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                body = mutate(random, body, fragments);
            }
            if (random.nextInt(10) == 0) {
                contentType = new String(mutate(random, contentType.getBytes(ISO_8859_1), fragments), ISO_8859_1);
            }

            // when
            MultipartForm form;
            try {
                form = MultipartForm.parse(contentType, body, MAX_PARTS);
            } catch (MalformedMultipartException e) {
                refused++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " threw " + e.getClass().getName(), e);
            }

            // then
            parsed++;
            assertThat(form.parts()).as("round %d", round).hasSizeLessThanOrEqualTo(MAX_PARTS);
            for (Part part : form.parts()) {
                if (indexOf(body, part.content()) < 0) {
                    fail("round " + round + ": a part's content is not a range of the body");
                }
            }
        }
        assertThat(parsed).as("mutated bodies that still parse").isGreaterThan(500);
        assertThat(refused).as("mutated bodies refused").isGreaterThan(5_000);
    }

    // --- helpers ---

    private static void assertMalformed(String contentType, byte[] body, String messagePart) {
        assertThatExceptionOfType(MalformedMultipartException.class)
                .isThrownBy(() -> MultipartForm.parse(contentType, body, MAX_PARTS))
                .withMessageContaining(messagePart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    private static byte[] mutate(Random random, byte[] body, List<byte[]> fragments) {
        if (body.length == 0) {
            return fragments.get(random.nextInt(fragments.size())).clone();
        }
        int at = random.nextInt(body.length);
        int length = Math.min(body.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 128);
        switch (random.nextInt(7)) {
            case 0 -> {
                byte[] copy = body.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> {
                byte[] copy = body.clone();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 2 -> {
                out.write(body, 0, at);
                out.writeBytes(fragments.get(random.nextInt(fragments.size())));
                out.write(body, at, body.length - at);
            }
            case 3 -> {
                out.write(body, 0, at);
                out.write(body, at + length, body.length - at - length);
            }
            case 4 -> {
                out.write(body, 0, at + length);
                out.write(body, at, body.length - at);
            }
            case 5 -> {
                return Arrays.copyOf(body, at);
            }
            default -> {
                byte[] random3 = new byte[1 + random.nextInt(3)];
                random.nextBytes(random3);
                out.write(body, 0, at);
                out.writeBytes(random3);
                out.write(body, at, body.length - at);
            }
        }
        return out.toByteArray();
    }

    private static byte[] randomContent(Random random, String boundary) {
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] near = ascii("\r\n--" + boundary.substring(0, boundary.length() - 1));
        while (out.size() < length) {
            switch (random.nextInt(5)) {
                case 0 -> out.writeBytes(ascii("\r\n"));
                case 1 -> out.writeBytes(ascii("--" + boundary));
                case 2 -> out.writeBytes(near);
                default -> out.write(random.nextInt(256));
            }
        }
        byte[] content = out.toByteArray();
        // a delimiter may still arise from random bytes around the inserted pieces; the sender must avoid it
        return indexOf(content, ascii("\r\n--" + boundary)) < 0 ? content : new byte[0];
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] textPart(String name, String value) {
        return concat(ascii("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"), utf8(value));
    }

    private static byte[] filePart(String name, String filename, String contentType, byte[] content) {
        return concat(ascii("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n"), content);
    }

    /** Each part is its headers, the empty line and its content, as undici frames them. */
    private static byte[] form(String boundary, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(ascii("--" + boundary + "\r\n"));
            out.writeBytes(part);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("--" + boundary + "--\r\n"));
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(ISO_8859_1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }
}
