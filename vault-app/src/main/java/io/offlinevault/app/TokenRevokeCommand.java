package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code offline-vault token revoke}: deletes a token by name, so that it no longer authenticates. */
@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Revokes a token by name: it no longer authenticates.",
            "Runs as the store's owner, offline: stop a server that serves the data directory first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault token revoke --name viewer"
        })
final class TokenRevokeCommand implements Callable<Integer> {
    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = {
        "The name of the token to revoke, as token list shows it."})
    private String name;

    TokenRevokeCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0 once the token is gone} Fails with exit 1 when no token has that name. */
    @Override
    public Integer call() {
        try (OfflineVault vault = OfflineVault.open(storeOptions, surroundings, TokenCommand.WHILE_LOCKED)) {
            vault.ports().tokens().revoke(Caller.owner(), name);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("revoked token '" + name + "'");
        out.flush();
        return ExitStatus.OK.code();
    }
}
