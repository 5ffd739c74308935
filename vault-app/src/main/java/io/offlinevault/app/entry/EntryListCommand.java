package io.offlinevault.app.entry;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Table;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.in.EntryPage;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.http.codec.EntryJson;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offline-vault entry list}: one page of an organization's entries, as a table or as the API's JSON. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists one page of an organization's entries, sorted by key: a table of key, type and visibility,"
                + " or with -o json the HTTP API's page (items, totalEntries, totalPages; values of PUBLIC entries"
                + " only). Pages count from 0."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault entry list --org acme",
            "  KEY                 TYPE    VISIBILITY",
            "  api-url             STRING  PUBLIC",
            "  my-source-password  STRING  STRICT",
            "  offline-vault entry list --org acme --page 1 --page-size 50 -o json"
        })
final class EntryListCommand implements Callable<Integer> {
    private static final List<String> HEADINGS = List.of("KEY", "TYPE", "VISIBILITY");

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The organization.")
    private String organization;

    @Option(names = "--page", paramLabel = "N", defaultValue = "0", description = "The page, from 0. Default: ${DEFAULT-VALUE}.")
    private long page;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000",
            description = "Entries per page, 1 to 1000. Default: ${DEFAULT-VALUE}.")
    private int pageSize;

    @Mixin
    private OutputFormat output;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    EntryListCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0} Prints the page on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = EntryCommand.organization(command.spec(), organization);
        PageRequest request = PageRequest.of(page, pageSize);
        EntryPage entries = command.withPorts(server, ports -> ports.entries().list(Caller.owner(), org, request));
        PrintWriter out = command.out();
        if (output.json()) {
            out.println(new String(WireJson.write(EntryJson.page(org, entries)), UTF_8));
        } else if (entries.items().isEmpty()) {
            out.println(entries.totalEntries() == 0 ? "no entries in " + org.value()
                    : "no entries on page " + page + " of " + org.value() + " (" + entries.totalPages() + " pages)");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADINGS);
            for (VaultEntry entry : entries.items()) {
                rows.add(List.of(entry.key().value(), entry.valueType().name(), entry.visibility().name()));
            }
            Table.print(out, rows);
            if (entries.totalPages() > 1) {
                out.println("page " + page + " of " + entries.totalPages() + " (pages from 0), " + entries.totalEntries()
                        + " entries");
            }
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}
