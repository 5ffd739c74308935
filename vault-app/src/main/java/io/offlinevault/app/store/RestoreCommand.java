package io.offlinevault.app.store;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.IsoDate;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.VaultUse;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.store.file.RestoreReport;
import io.offlinevault.store.file.StoreLocation;
import io.offlinevault.store.file.StoreMaintenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault restore --from DIR}: makes a backup the vault again after checking it, keeps the files it
 * replaces in {@code <data-dir>/damaged-<date>/}, and says which generation and date it restored.
 */
@Command(name = "restore",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Makes a backup (written by offline-vault backup) the vault of the data directory.",
            "The backup is checked first, opened with the vault's keys: a backup that does not open changes"
                + " nothing. The store files it replaces are moved to <data-dir>/damaged-<date>/, never deleted. The"
                + " restored vault continues under a new, higher generation; every commit made after the backup is"
                + " gone from it (it is still in the damaged-<date> directory).",
            "The backup's files must match its backup.json (the SHA-256 of each, written by backup): a backup with a"
                + " file missing or changed is refused. A backup of an older release, without backup.json, is"
                + " restored with a warning.",
            "A crash during a restore leaves the old vault or the restored one, never a mix. A data directory that"
                + " does not exist is created.",
            "Takes the data directory's lock: stop a server that serves it first."
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  offline-vault restore --from /mnt/usb/vault-2026-11-26",
            "  restored generation 4 (checkpoint of 2026-11-26T08:00:00Z) through record 69",
            "  from /mnt/usb/vault-2026-11-26 as generation 9 (one line on the terminal)",
            "  the store files it replaced are in",
            "  /home/me/.offline-vault/data/damaged-20261127T091500Z"
        })
public final class RestoreCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = {
        "The backup directory to restore: one that offline-vault backup --to wrote, outside the data directory."})
    private Path from;

    public RestoreCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings, VaultUse.RESTORES);
    }

    /** {@return 0 once the backup is the vault} Prints the generation and date restored and where the old files went. */
    @Override
    public Integer call() {
        StoreLocation location = command.storeOptions().location(command.surroundings());
        RestoreReport report;
        try {
            Surroundings surroundings = command.surroundings();
            report = StoreMaintenance.restore(location, command.storeOptions().vaultKeys(surroundings),
                    Path.of(surroundings.expandHome(from.toString())), Clock.system());
        } catch (StoreException e) {
            throw StoreTools.failed(e);
        }
        PrintWriter out = command.out();
        out.println("restored generation " + report.backupGeneration() + " (checkpoint of "
                + IsoDate.of(report.backupWrittenAt()) + ") through record " + report.lastSeq() + " from "
                + report.from() + " as generation " + report.generation());
        report.damaged().ifPresent(damaged -> out.println("the store files it replaced are in " + damaged));
        out.println("the backup opened with " + report.openedWith().describe()
                + "; the restored vault opens with the same keys");
        out.flush();
        if (!report.checkedAgainstManifest()) {
            PrintWriter err = command.err();
            err.println("warning: the backup has no backup.json (an older release wrote it), so its files were not"
                    + " checked against a list: had a journal segment or blob been removed from it, the restored vault"
                    + " would lack those commits. Take a new backup now with offline-vault backup --to DIR.");
            err.flush();
        }
        return ExitStatus.OK.code();
    }
}
