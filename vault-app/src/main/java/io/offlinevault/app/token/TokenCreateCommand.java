package io.offlinevault.app.token;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.NewVaultOptions;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.VaultUse;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.service.TokenService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code offline-vault token create}: creates a token as the store's owner (creating the vault first when
 * there is none) and prints its value once, alone on standard output; every other message goes to
 * standard error, so that {@code TOKEN=$(offline-vault token create ...)} captures the token only.
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Creates a bearer token and prints it once, alone on standard output.",
            "The token holds the given privileges in the given organizations. Every other message goes to"
                + " standard error. The vault keeps only the token's SHA-256: a lost token cannot be shown"
                + " again; revoke it and create another.",
            "Creates the vault first, as serve does, when the data directory does not exist or is empty; its"
                + " admin token then goes to the admin token file only.",
            "Runs as the store's owner on the data directory, or through a running server with its admin routes:"
                + " --server URL, or the server that holds the data directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  TOKEN=$(offline-vault token create --name viewer --org acme \\",
            "      --privilege VAULT_ENTRY:VIEW)",
            "  offline-vault token create --name ci --all-orgs \\",
            "      --privilege vault_entry:view,snapshots:view,snapshots:create"
        })
final class TokenCreateCommand implements Callable<Integer> {
    // Constants for the help text; a test checks that they name every Privilege.
    private static final String VIEW = "VAULT_ENTRY:VIEW     SNAPSHOTS:VIEW";
    private static final String EDIT = "VAULT_ENTRY:EDIT     SNAPSHOTS:EDIT";
    private static final String CREATE = "VAULT_ENTRY:CREATE   SNAPSHOTS:CREATE";
    private static final String PRIVILEGES = Arrays.stream(Privilege.values()).map(Privilege::wireName)
            .collect(Collectors.joining(", "));

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = {
        "The token's name: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or a digit;"
            + " unique in the vault."})
    private String name;

    @Option(names = "--org", paramLabel = "ORG", split = ",", description = {
        "An organization the token reaches (repeatable, or comma-separated). Exclusive with --all-orgs;"
            + " one of the two is required."})
    private List<String> organizations = new ArrayList<>();

    @Option(names = "--all-orgs", description = {"The token reaches every organization, present and future."})
    private boolean allOrganizations;

    @Option(names = "--privilege", paramLabel = "DOMAIN:LEVEL", split = ",", description = {
        "A privilege the token holds in each of its organizations (repeatable, or comma-separated; any case;"
            + " at least one), one of:", "  " + VIEW, "  " + EDIT, "  " + CREATE})
    private List<String> privileges = new ArrayList<>();

    TokenCreateCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings, VaultUse.CREATES_OR_REACHES_ITS_SERVER);
    }

    /** {@return 0 once the token is stored} Prints the token, and only the token, on standard output. */
    @Override
    public Integer call() {
        PrintWriter out = command.out();
        PrintWriter err = command.err();
        Grant grant = grant();
        checkName();
        IssuedToken issued = command.withPortsOrNewVault(server, new NewVaultOptions(),
                ports -> ports.tokens().create(Caller.owner(), name, grant));
        // Only once the commit is durable and the lock released: a printed token always works.
        out.println(issued.token().reveal());
        out.flush();
        err.println("created token '" + issued.record().name() + "' (" + TokenListCommand.privileges(grant) + " in "
                + (grant.allOrganizations() ? "every organization" : TokenListCommand.organizations(grant))
                + "); it is printed once, on standard output: the vault keeps only its SHA-256");
        err.flush();
        return ExitStatus.OK.code();
    }

    private Grant grant() {
        if (privileges.isEmpty()) {
            throw usage("Give at least one --privilege, such as --privilege VAULT_ENTRY:VIEW (one of " + PRIVILEGES
                    + ").");
        }
        Set<Privilege> held = EnumSet.noneOf(Privilege.class);
        for (String raw : privileges) {
            Optional<Privilege> privilege = Privilege.parse(raw);
            if (privilege.isEmpty()) {
                throw usage("--privilege '" + raw + "' is not a privilege: use DOMAIN:LEVEL, one of " + PRIVILEGES
                        + " (any case).");
            }
            held.add(privilege.get());
        }
        if (allOrganizations && !organizations.isEmpty()) {
            throw usage("--org and --all-orgs exclude each other: name the organizations, or give --all-orgs alone.");
        }
        if (allOrganizations) {
            return Grant.inAllOrganizations(held);
        }
        if (organizations.isEmpty()) {
            throw usage("Say which organizations the token reaches: --org ORG (repeatable) or --all-orgs.");
        }
        Set<OrganizationId> reached = new TreeSet<>();
        for (String raw : organizations) {
            try {
                reached.add(OrganizationId.of(raw.trim()));
            } catch (InvalidParameterException e) {
                throw usage("--org '" + raw + "' is not an organization id. " + e.getMessage());
            }
        }
        return Grant.of(reached, held);
    }

    // The domain's own rule for names, checked before the store is touched: a bad name creates no vault on disk.
    private void checkName() {
        try {
            TokenService.checkName(name);
        } catch (InvalidParameterException e) {
            throw usage("--name '" + name + "' is not a token name. " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return command.usage(message);
    }
}
