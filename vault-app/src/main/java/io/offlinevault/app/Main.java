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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
        if (Boolean.getBoolean(ClassDataTraining.PROPERTY)) {
            System.exit(ClassDataTraining.run(new PrintWriter(System.err, true)));
        }
        System.exit(commandLineFor(Surroundings.system(), args).execute(args));
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
        return commandLineFor(surroundings, args).setOut(out).setErr(err).execute(args);
    }

    /**
     * {@return the command line that runs {@code args}: with only the top-level command they name, and of a group
     * only the subcommand named next, when they name one that needs no other (picocli builds a command's model by
     * reflection: all ~40 cost a third of a second before anything runs), else with every command} Help, completion,
     * a group's own help and the usage errors of the root or a group see them all.
     */
    static CommandLine commandLineFor(Surroundings surroundings, String... args) {
        Map<String, Supplier<Object>> every = commands(surroundings);
        Set<String> versionOptions = Set.of("--version", "-V");
        if (Arrays.stream(args).anyMatch(versionOptions::contains)
                && Arrays.stream(args).allMatch(arg -> arg.equals("--verbose") || versionOptions.contains(arg))) {
            return commandLine(every, name -> false);
        }
        // Every command for no command, an unknown name (the usage line of a misspelt one says COMMAND only when
        // there are commands), help and completion, and after any other root option.
        int first = afterVerbose(args, 0);
        if (first == args.length || !every.containsKey(args[first]) || args[first].equals("help")
                || args[first].equals("completion")) {
            return commandLine(every, name -> true);
        }
        String chosen = args[first];
        int next = afterVerbose(args, first + 1);
        Predicate<String> subcommand = next < args.length ? args[next]::equals : name -> false;
        return commandLine(commands(surroundings, subcommand), chosen::equals);
    }

    // The index of the first argument at or after from that is not --verbose (an inherited option, so it may stand
    // before a group's subcommand too), or args.length.
    private static int afterVerbose(String[] args, int from) {
        int index = from;
        while (index < args.length && args[index].equals("--verbose")) {
            index++;
        }
        return index;
    }

    /** {@return the command line with its subcommands, each with the exit codes it can return listed in its help} */
    static CommandLine commandLine(Surroundings surroundings) {
        return commandLine(commands(surroundings), name -> true);
    }

    private static CommandLine commandLine(Map<String, Supplier<Object>> commands, Predicate<String> wanted) {
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main);
        commands.forEach((name, command) -> {
            if (wanted.test(name)) {
                commandLine.addSubcommand(command.get());
            }
        });
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

    /** {@return every top-level command by its name, in the order the help lists them; each built on demand} */
    static Map<String, Supplier<Object>> commands(Surroundings surroundings) {
        return commands(surroundings, name -> true);
    }

    // The groups among them get the subcommands that subcommand names, or all when it names none of theirs.
    private static Map<String, Supplier<Object>> commands(Surroundings surroundings, Predicate<String> subcommand) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("init", () -> new InitCommand(surroundings));
        commands.put("serve", () -> new ServeCommand(surroundings));
        commands.put("token", () -> TokenCommand.commandLine(surroundings, subcommand));
        commands.put("entry", () -> EntryCommand.commandLine(surroundings, subcommand));
        commands.put("snapshot", () -> SnapshotCommand.commandLine(surroundings, subcommand));
        commands.put("org", () -> OrgCommand.commandLine(surroundings, subcommand));
        commands.put("fetch", () -> new FetchCommand(surroundings));
        commands.put("ipe-params", () -> new IpeParamsCommand(surroundings));
        commands.put("rekey", () -> new RekeyCommand(surroundings));
        commands.put("rotate", () -> new RotateCommand(surroundings));
        commands.put("verify", () -> new VerifyCommand(surroundings));
        commands.put("backup", () -> new BackupCommand(surroundings));
        commands.put("restore", () -> new RestoreCommand(surroundings));
        commands.put("help", HelpCommand::new);
        commands.put("version", VersionCommand::new);
        commands.put("completion", CompletionCommand::new);
        return commands;
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
