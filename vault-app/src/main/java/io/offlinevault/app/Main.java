package io.offlinevault.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code offline-vault} command: parses the command line and runs the chosen subcommand. */
@Command(name = "offline-vault",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A local, encrypted vault of secrets with a Coveo-compatible Vault API and a command line.")
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Runs the command and exits the JVM with its {@link ExitStatus} code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@return the exit code of running {@code args} with the given output streams} Runs in-process. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /** {@return the command line, with the exit-code list in its help} */
    static CommandLine commandLine() {
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitStatus status : ExitStatus.values()) {
            exitCodes.put(Integer.toString(status.code()), status.meaning());
        }
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes);
        return commandLine;
    }

    /** Called without a subcommand: says so, prints the help and fails as a usage error. */
    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        PrintWriter err = commandLine.getErr();
        err.println("Missing a command.");
        commandLine.usage(err);
        err.flush();
        return ExitStatus.USAGE.code();
    }

    /** Reads the version that the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "offline-vault " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
