package io.offlinevault.app.cli;

import io.offlinevault.domain.entry.SecretValue;
import java.io.IOError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a passphrase comes from: a file (the {@link SecretFile} rule: UTF-8 minus one trailing newline), or the
 * console, typed without echo; never a command-line argument, which every user of the machine sees in the process
 * list. The same passphrase from either opens the same vault. No message holds a passphrase.
 */
public final class Passphrases {
    public static final String FILE_FLAG = "--passphrase-file";
    public static final String FILE_VARIABLE = "OFFLINE_VAULT_PASSPHRASE_FILE";
    static final String REFUSED_FLAG = "--passphrase";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Passphrases() {
    }

    /** {@return why {@code --passphrase VALUE} is refused and what to use instead} */
    static String refusal(String flag) {
        return flag + " is refused: a value on the command line sits in the process list, where every user of this"
                + " machine can read it. Put the passphrase in a file (mode 0600) named by " + FILE_FLAG + " FILE or by"
                + " the environment variable " + FILE_VARIABLE + ", or type it at the prompt on a console.";
    }

    /**
     * {@return the passphrase in the file at {@code raw}}
     *
     * @param source the flag or variable that named the file, for the messages
     * @throws IllegalArgumentException with a message that never holds the passphrase, when the file cannot be read,
     *         is not UTF-8, holds an empty passphrase, or is a regular file other users may read or change
     */
    public static SecretValue fromFile(Surroundings surroundings, String source, String raw) {
        refuseIfExposed(surroundings, source, raw);
        String text = SecretFile.read(surroundings, source, raw);
        if (text.isEmpty()) {
            throw new IllegalArgumentException(source + " " + raw + " holds an empty passphrase: write the passphrase"
                    + " in it (one trailing newline is ignored).");
        }
        return SecretValue.of(text);
    }

    // As the key file: a regular passphrase file that other users may read or change is refused before it is read.
    // A pipe or a device (<(pass show vault), /dev/stdin) has no such mode to check.
    private static void refuseIfExposed(Surroundings surroundings, String source, String raw) {
        Set<PosixFilePermission> permissions;
        Path file;
        try {
            file = Path.of(surroundings.expandHome(raw));
            if (!Files.isRegularFile(file)) {
                return;
            }
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException | InvalidPathException e) {
            return;
        }
        if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
            throw new IllegalArgumentException(source + " " + file + " can be read or changed by other users (mode "
                    + PosixFilePermissions.toString(permissions) + "), so it is refused: run chmod 600 " + file
                    + " and try again.");
        }
    }

    /**
     * {@return the passphrase typed on the console after {@code prompt}; empty when there is no console, its input
     * ended or nothing was typed}
     */
    static Optional<SecretValue> ask(Surroundings surroundings, String prompt) {
        Optional<char[]> typed;
        try {
            typed = surroundings.terminal().readPassword(prompt);
        } catch (IOError | RuntimeException e) {
            return Optional.empty();
        }
        return typed.flatMap(chars -> {
            try {
                return chars.length == 0 ? Optional.empty() : Optional.of(SecretValue.of(new String(chars)));
            } finally {
                Arrays.fill(chars, '\0');
            }
        });
    }

    /**
     * {@return a new passphrase, typed twice on the console}
     *
     * @param what what the passphrase is for, such as "the new vault's passphrase"
     * @param instead what to use when there is no console, for the message
     * @throws IllegalArgumentException when there is no console, nothing was typed or the two differ
     */
    public static SecretValue askNew(Surroundings surroundings, String what, String instead) {
        if (surroundings.terminal().console().isEmpty()) {
            throw new IllegalArgumentException("there is no console to type " + what + " on: " + instead);
        }
        Optional<SecretValue> first = ask(surroundings, capitalized(what) + ": ");
        if (first.isEmpty()) {
            throw new IllegalArgumentException(capitalized(what) + " cannot be empty: run the command again and type"
                    + " one.");
        }
        Optional<SecretValue> second = ask(surroundings, capitalized(what) + " again: ");
        if (!first.equals(second)) {
            throw new IllegalArgumentException("the two passphrases typed differ: nothing was changed; run the command"
                    + " again.");
        }
        return first.get();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
