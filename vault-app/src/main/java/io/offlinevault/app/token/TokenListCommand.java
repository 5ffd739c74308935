package io.offlinevault.app.token;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.IsoDate;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Table;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.access.TokenSummary;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.http.codec.TokenJson;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code offline-vault token list}: one line per token with its name, organizations ({@code *} for all),
 * privileges and creation date. Never a token's value nor its digest: the vault cannot show a value again.
 */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists the vault's tokens, never their values.",
            "One line per token: name, organizations (* for every organization), privileges and creation date"
                + " (UTC). The vault keeps only each token's SHA-256, and this prints neither value nor digest.",
            "Runs as the store's owner on the data directory, or through a running server with its admin routes:"
                + " --server URL, or the server that holds the data directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault token list --data-dir ~/.offline-vault/data",
            "  NAME    ORGANIZATIONS  PRIVILEGES        CREATED",
            "  viewer  acme           VAULT_ENTRY:VIEW  2026-11-26T07:00:00Z"
        })
final class TokenListCommand implements Callable<Integer> {
    private static final List<String> HEADINGS = List.of("NAME", "ORGANIZATIONS", "PRIVILEGES", "CREATED");

    @Mixin
    private OutputFormat output;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    TokenListCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0} Prints a table of the tokens, sorted by name, on standard output. */
    @Override
    public Integer call() {
        List<TokenSummary> tokens = command.withPorts(server, ports -> ports.tokens().list(Caller.owner()));
        PrintWriter out = command.out();
        if (output.json()) {
            out.println(new String(WireJson.write(TokenJson.list(tokens)), UTF_8));
        } else if (tokens.isEmpty()) {
            out.println("no tokens: create one with offline-vault token create");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADINGS);
            for (TokenSummary token : tokens) {
                rows.add(List.of(token.name(), organizations(token.grant()), privileges(token.grant()),
                        IsoDate.of(token.createdDate())));
            }
            Table.print(out, rows);
        }
        out.flush();
        return ExitStatus.OK.code();
    }

    /** {@return the grant's organizations, comma-separated, or {@code *} for every organization} */
    static String organizations(Grant grant) {
        if (grant.allOrganizations()) {
            return "*";
        }
        return grant.organizations().stream().map(OrganizationId::value).collect(Collectors.joining(","));
    }

    /** {@return the grant's privileges by wire name, comma-separated, in the order of {@link Privilege}} */
    static String privileges(Grant grant) {
        return grant.privileges().stream().sorted().map(Privilege::wireName).collect(Collectors.joining(","));
    }
}
