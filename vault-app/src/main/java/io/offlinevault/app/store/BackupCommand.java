package io.offlinevault.app.store;

import io.offlinevault.app.cli.Counted;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.IsoDate;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault backup --to DIR}: a consistent copy of the vault in a new directory, checked by opening it,
 * with a warning that no key is inside it and where the key file is.
 */
@Command(name = "backup",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copies the vault to a new or empty directory: its checkpoint, the journal segments after it and the"
                + " blobs its state needs, each written and synced, then opens the copy read-only to check it.",
            "The key file is NOT copied: a backup opens only with the vault's key file or passphrase, so keep a copy"
                + " of the key file apart from the backups. Losing every key (key file and passphrase) loses every"
                + " secret.",
            "A backup is a data directory of its own; offline-vault restore --from DIR brings it back.",
            "Takes the data directory's lock, or runs through a running server: --server URL, or the server that"
                + " holds the data directory."
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  offline-vault backup --to /mnt/usb/vault-2026-11-26",
            "  backed up generation 4 (checkpoint of 2026-11-26T08:00:00Z) through record 69",
            "  to /mnt/usb/vault-2026-11-26: 1 checkpoint, 1 journal segment, 3 blobs, ...",
            "  (one line on the terminal)"
        })
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = {
        "Where to write the backup: a directory that does not exist yet (it is created, mode 0700) or is empty,"
            + " outside the data directory; best on another disk. Through a server: a NAME, the new directory under"
            + " its serve --backup-dir."})
    private Path to;

    public BackupCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the backup is written and opens} Prints what it holds, and warns where the key is. */
    @Override
    public Integer call() {
        BackupReport report;
        try {
            report = command.operations(server).backup(Caller.owner(),
                    command.surroundings().expandHome(to.toString()));
        } catch (StoreException e) {
            throw StoreTools.failed(e);
        }
        PrintWriter out = command.out();
        out.println("backed up generation " + report.generation() + " (checkpoint of " + IsoDate.of(
                report.writtenAt()) + ") through record " + report.lastSeq() + " to " + report.directory() + ": 1"
                + " checkpoint, " + Counted.of(report.segments(), "journal segment") + ", " + Counted.of(report.blobs(), "blob")
                + ", " + report.bytes() + " bytes");
        out.flush();
        PrintWriter err = command.err();
        Optional<String> keyFile = report.keyFile();
        if (keyFile.isPresent()) {
            err.println("warning: the key file is not inside the backup; it is " + keyFile.get() + ". Keep a copy"
                    + " of it (or the vault's passphrase) apart from the backup: losing every key loses every secret.");
        } else {
            err.println("warning: no key is inside the backup; it opens with the passphrase, as the vault does now."
                    + " Losing every key (key file and passphrase) loses every secret.");
        }
        err.flush();
        return ExitStatus.OK.code();
    }
}
