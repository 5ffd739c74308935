package io.offlinevault.app.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A secret read from a file that the user names (a known admin token, a passphrase): the file's bytes as UTF-8,
 * minus one trailing {@code \n} or {@code \r\n}, otherwise exact. Messages name the file, never its content.
 */
public final class SecretFile {
    /** The largest secret file read: far above any passphrase or token, far below what could exhaust the memory. */
    static final int MAX_BYTES = 64 * 1024;

    private SecretFile() {
    }

    /**
     * {@return the text of the file at {@code raw} (a leading {@code ~} is the home directory)}
     *
     * @param source the flag or variable that named the file, for the messages
     * @throws IllegalArgumentException with a message that never holds the content, when the path is unusable, the
     *         file cannot be read, is larger than {@value #MAX_BYTES} bytes or is not UTF-8
     */
    public static String read(Surroundings surroundings, String source, String raw) {
        Path file;
        try {
            if (raw.isBlank()) {
                throw new IllegalArgumentException("empty");
            }
            file = Path.of(surroundings.expandHome(raw));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not a usable path: give a file system path.");
        }
        byte[] bytes;
        try {
            bytes = BoundedFile.read(file, source + " " + file, MAX_BYTES);
        } catch (CommandFailedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + " " + file + " is not UTF-8 text.");
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
