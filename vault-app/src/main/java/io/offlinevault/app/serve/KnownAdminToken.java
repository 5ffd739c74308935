package io.offlinevault.app.serve;

import io.offlinevault.app.cli.SecretFile;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.entry.SecretValue;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An admin token that the caller chose and therefore knows, for CI: from {@code --admin-token-from FILE} or the
 * environment, never from an argument (which every user of the machine sees in the process list). Its value is
 * never part of a message.
 */
final class KnownAdminToken {
    static final String VARIABLE = "OFFLINE_VAULT_ADMIN_TOKEN";
    static final String FROM_FLAG = "--admin-token-from";
    static final String REFUSED_FLAG = "--admin-token";

    // The rule of TokenService for a supplied token, checked here first so that nothing starts with a bad one.
    private static final Pattern SUPPLIED = Pattern.compile("[\\x21-\\x7E]{32,512}");

    private KnownAdminToken() {
    }

    /** {@return why {@code --admin-token VALUE} is refused and what to use instead} */
    static String refusal() {
        return REFUSED_FLAG + " is refused: a value on the command line sits in the process list, where every user of"
                + " this machine can read it. Put the token in the environment variable " + VARIABLE + ", or in a file"
                + " (mode 0600) named by " + FROM_FLAG + " FILE.";
    }

    /**
     * {@return the known token: from {@code fromFile} when given, else from the environment, else none}
     *
     * @throws IllegalArgumentException with a message that never holds the value, when the file cannot be read
     *         or the token breaks the rule
     */
    static Optional<SecretValue> of(Surroundings surroundings, String fromFile) {
        if (fromFile != null) {
            return Optional.of(checked(SecretFile.read(surroundings, FROM_FLAG, fromFile), FROM_FLAG + " " + fromFile));
        }
        return surroundings.variable(VARIABLE).map(value -> checked(value, VARIABLE));
    }

    private static SecretValue checked(String value, String source) {
        if (!SUPPLIED.matcher(value).matches()) {
            throw new IllegalArgumentException("the admin token from " + source + " must be 32 to 512 printable ASCII"
                    + " characters without spaces; the value is not shown.");
        }
        return SecretValue.of(value);
    }
}
