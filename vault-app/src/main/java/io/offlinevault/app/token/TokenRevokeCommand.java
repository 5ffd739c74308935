package io.offlinevault.app.token;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offline-vault token revoke}: deletes a token by name, so that it no longer authenticates. */
@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Revokes a token by name: it no longer authenticates.",
            "Refuses to revoke the last token with every privilege in every organization: create another first.",
            "Runs as the store's owner on the data directory, or through a running server with its admin routes:"
                + " --server URL, or the server that holds the data directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault token revoke --name viewer"
        })
final class TokenRevokeCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = {
        "The name of the token to revoke, as token list shows it."})
    private String name;

    TokenRevokeCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /**
     * {@return 0 once the token is gone} Fails with exit 1 when no token has that name, or when it is the last
     * token with every privilege in every organization (the use case refuses that, as over HTTP).
     */
    @Override
    public Integer call() {
        command.runWithPorts(server, ports -> ports.tokens().revoke(Caller.owner(), name));
        return command.succeeded("revoked token '" + name + "'");
    }
}
