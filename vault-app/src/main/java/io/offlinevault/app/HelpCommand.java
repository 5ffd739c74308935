package io.offlinevault.app;

import io.offlinevault.app.cli.ExitStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offline-vault help [COMMAND...]}: the help of any command, as {@code COMMAND... --help} prints it. */
@Command(name = "help",
        helpCommand = true,
        description = "Prints the help of a command (of offline-vault itself without one).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault help",
            "  offline-vault help entry create"
        })
final class HelpCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, as typed: entry create.")
    private List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine command = spec.root().commandLine();
        for (String name : names) {
            CommandLine sub = command.getSubcommands().get(name);
            if (sub == null) {
                throw new ParameterException(spec.commandLine(), "No command '" + name + "' in "
                        + command.getCommandSpec().qualifiedName() + "; its commands: "
                        + String.join(", ", command.getSubcommands().keySet()) + ".");
            }
            command = sub;
        }
        PrintWriter out = spec.commandLine().getOut();
        command.usage(out);
        out.flush();
        return ExitStatus.OK.code();
    }
}
