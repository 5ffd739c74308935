package io.offlinevault.app.store;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Table;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.VerifyReport.FileCheck;
import io.offlinevault.domain.operation.VerifyReport.Outcome;
import io.offlinevault.domain.operation.VerifyReport.Part;
import io.offlinevault.domain.operation.VerifyReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code offline-vault verify}: checks every store file of the vault without changing any, one line per file,
 * then a summary; exit 0 when the vault is intact, 5 when a file it needs is damaged, 1 when only the fallback is.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks every file of the vault and changes none: the checkpoint, every journal segment (header, each"
                + " record's checksums and authentication tag, sequence numbers), every blob, and checkpoint.prev"
                + " (the previous checkpoint, kept as a fallback) with the segments and blobs it needs.",
            "Prints one line per file: OK, WARNING (an incomplete last record that the next commit truncates, or a"
                + " file checked by checksum only because no checkpoint opened) or ERROR with the store's error code"
                + " and what to do; then a summary. Never prints a secret.",
            "Exit 0 when the vault is intact (warnings allowed), 5 when a file the vault needs is damaged or missing"
                + " (restore a backup), 1 when only checkpoint.prev or a file only it needs is.",
            "Takes the data directory's lock: stop a server that serves it first."
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  offline-vault verify --data-dir ~/.offline-vault/data",
            "  checkpoint  OK     current   generation 4, written 2026-11-26T08:00:00Z, ...",
            "  journal.4   OK     current   12 records (seq 58 to 69), key term 2",
            "  the vault is intact (6 files OK; checkpoint.prev: 3 files OK)"
        })
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    public VerifyCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 when the vault is intact, 5 when a file it needs is not, 1 when only its fallback is not} */
    @Override
    public Integer call() {
        VerifyReport report;
        try {
            report = command.operations(server).verify(Caller.owner());
        } catch (StoreException e) {
            throw StoreTools.failed(e);
        }
        PrintWriter out = command.out();
        List<List<String>> rows = new ArrayList<>();
        for (FileCheck check : report.checks()) {
            rows.add(List.of(check.file(), check.outcome().name(), check.part().name().toLowerCase(Locale.ROOT),
                    check.code().map(code -> code + ": ").orElse("") + check.message()));
        }
        if (!rows.isEmpty()) {
            Table.print(out, rows);
        }
        ExitStatus status;
        if (!report.currentIntact()) {
            out.println("the vault does not open from these files (" + summary(report, Part.CURRENT) + "): restore it"
                    + " from a backup with offline-vault restore --from DIR (the damaged files are kept aside)");
            status = ExitStatus.STORE_SEALED;
        } else if (!report.previousIntact()) {
            out.println("the vault is intact (" + summary(report, Part.CURRENT) + ") but its fallback is not"
                    + " (checkpoint.prev: " + summary(report, Part.PREVIOUS) + "): take a backup now with offline-vault"
                    + " backup --to DIR");
            status = ExitStatus.FAILURE;
        } else {
            out.println("the vault is intact (" + summary(report, Part.CURRENT) + "; checkpoint.prev: "
                    + (report.checks().stream().anyMatch(check -> check.part() == Part.PREVIOUS)
                    ? summary(report, Part.PREVIOUS) : "none yet") + ")");
            status = ExitStatus.OK;
        }
        out.flush();
        return status.code();
    }

    private static String summary(VerifyReport report, Part part) {
        List<String> counts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            long count = report.count(part, outcome);
            if (count > 0 || outcome == Outcome.OK) {
                counts.add(count + " " + (count == 1 ? "file" : "files") + " " + outcome);
            }
        }
        return String.join(", ", counts);
    }
}
