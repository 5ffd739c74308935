package io.offlinevault.app;

import io.offlinevault.app.cli.AppVersion;
import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitCodes;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Logging;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.entry.EntryCommand;
import io.offlinevault.app.org.OrgCommand;
import io.offlinevault.app.serve.ServeCommand;
import io.offlinevault.app.snapshot.FetchCommand;
import io.offlinevault.app.snapshot.IpeParamsCommand;
import io.offlinevault.app.snapshot.SnapshotCommand;
import io.offlinevault.app.store.BackupCommand;
import io.offlinevault.app.store.InitCommand;
import io.offlinevault.app.store.RekeyCommand;
import io.offlinevault.app.store.RestoreCommand;
import io.offlinevault.app.store.RotateCommand;
import io.offlinevault.app.store.VerifyCommand;
import io.offlinevault.app.token.TokenCommand;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.http.VaultHttpServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code offline-vault} command: parses the command line and runs the chosen subcommand. */
@Command(name = "offline-vault",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A local, encrypted vault of secrets with a Coveo-compatible Vault API and a command line.")
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = {
        "Also logs what the command does (INFO), not only warnings and errors. serve always does."})
    private boolean verbose;

    /** Runs the command and exits the JVM with its {@link ExitStatus} code. */
    public static void main(String[] args) {
        Logging.configure();
        // JVM-global settings of the JDK server, read once: before any server class loads.
        VaultHttpServer.configureJdkServer();
        System.exit(commandLine(Surroundings.system()).execute(args));
    }

    /** {@return the exit code of running {@code args} with the given output streams} Runs in-process. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(Surroundings.system(), out, err, args);
    }

    /**
     * {@return the exit code of running {@code args} in {@code surroundings} with the given output streams} Runs
     * in-process, as the end-to-end tests do.
     */
    public static int execute(Surroundings surroundings, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(surroundings).setOut(out).setErr(err).execute(args);
    }

    /** {@return the command line with its subcommands, each with the exit codes it can return listed in its help} */
    static CommandLine commandLine(Surroundings surroundings) {
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main);
        commandLine.addSubcommand(new InitCommand(surroundings));
        commandLine.addSubcommand(new ServeCommand(surroundings));
        commandLine.addSubcommand(TokenCommand.commandLine(surroundings));
        commandLine.addSubcommand(EntryCommand.commandLine(surroundings));
        commandLine.addSubcommand(SnapshotCommand.commandLine(surroundings));
        commandLine.addSubcommand(OrgCommand.commandLine(surroundings));
        commandLine.addSubcommand(new FetchCommand(surroundings));
        commandLine.addSubcommand(new IpeParamsCommand(surroundings));
        commandLine.addSubcommand(new RekeyCommand(surroundings));
        commandLine.addSubcommand(new RotateCommand(surroundings));
        commandLine.addSubcommand(new VerifyCommand(surroundings));
        commandLine.addSubcommand(new BackupCommand(surroundings));
        commandLine.addSubcommand(new RestoreCommand(surroundings));
        commandLine.addSubcommand(new HelpCommand());
        commandLine.addSubcommand(new VersionCommand());
        commandLine.addSubcommand(new CompletionCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(Main::failed);
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionStrategy(parsed -> {
            boolean serving = parsed.subcommand() != null && parsed.subcommand().commandSpec().name().equals("serve");
            Logging.forCommand(serving, main.verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
        for (CommandLine command : withSubcommands(commandLine)) {
            command.getCommandSpec().usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCodes.list(command.getCommandSpec()));
        }
        return commandLine;
    }

    private static List<CommandLine> withSubcommands(CommandLine commandLine) {
        List<CommandLine> all = new ArrayList<>();
        all.add(commandLine);
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            all.addAll(withSubcommands(subcommand));
        }
        return all;
    }

    // A usage error fits on a screen: what is wrong, the one-line usage, and where the whole help is.
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        err.println(usageLine(command.getCommandSpec()));
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        err.flush();
        return ExitStatus.USAGE.code();
    }

    // "Usage: offline-vault entry import [OPTIONS] FILE", whatever the number of options.
    private static String usageLine(CommandSpec command) {
        StringBuilder line = new StringBuilder("Usage: ").append(command.qualifiedName());
        if (!command.subcommands().isEmpty()) {
            line.append(" COMMAND");
        }
        if (command.options().stream().anyMatch(option -> !option.hidden())) {
            line.append(" [OPTIONS]");
        }
        command.positionalParameters().stream().filter(parameter -> !parameter.hidden())
                .forEach(parameter -> line.append(' ').append(parameter.paramLabel()));
        return line.toString();
    }

    // A failure on purpose prints its message (which says what to do); anything else is a bug, printed
    // as its class and stack frames, never its message (which may quote input, and input may be a secret).
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        ExitStatus status;
        if (e instanceof CommandFailedException failed) {
            err.println(failed.getMessage());
            status = failed.status();
        } else if (e instanceof VaultException vault) {
            err.println(vault.getMessage());
            status = ExitStatus.forError(vault.code());
        } else {
            err.println("internal error (a bug; please report it with these frames): " + Logging.frames(e));
            status = ExitStatus.FAILURE;
        }
        err.flush();
        return status.code();
    }

    /** Called without a subcommand: a usage error that says where the commands are listed. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command (offline-vault help lists"
                + " them).");
    }

    /** The version the build wrote, and the Java that runs it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "offline-vault " + AppVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
