package io.offlinevault.app.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How the commands that create a vault ({@code init}, {@code serve}) protect a new one: with the key file (the
 * default), with a passphrase as well, or with a passphrase alone. An existing vault keeps its keys.
 */
public final class NewVaultOptions {
    @Option(names = "--with-passphrase", description = {
        "A new vault also opens with a passphrase, typed twice on the console (a passphrase from "
            + Passphrases.FILE_FLAG + " or " + Passphrases.FILE_VARIABLE + " is used without asking)."})
    private boolean withPassphrase;

    @Option(names = "--no-key-file", description = {
        "A new vault opens with its passphrase alone (asked on the console unless a passphrase file gives it): no key"
            + " file is created or read. Losing the passphrase then loses every secret."})
    private boolean noKeyFile;

    /** {@return whether a new vault's passphrase is to be asked for when no passphrase file gives one} */
    boolean withPassphrase() {
        return withPassphrase;
    }

    /** {@return whether the vault is protected and opened by the key file} */
    boolean useKeyFile() {
        return !noKeyFile;
    }

    /** {@return the flags of this mixin given on the command line} */
    public List<String> givenFlags() {
        List<String> given = new ArrayList<>();
        if (withPassphrase) {
            given.add("--with-passphrase");
        }
        if (noKeyFile) {
            given.add("--no-key-file");
        }
        return List.copyOf(given);
    }
}
