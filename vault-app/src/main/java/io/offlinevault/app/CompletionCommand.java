package io.offlinevault.app;

import io.offlinevault.app.cli.ExitStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offline-vault completion bash|zsh}: the shell completion script of every command and option, generated
 * from the command line itself (picocli's {@link AutoComplete}), so it never drifts from it.
 */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a shell completion script for offline-vault: commands, options and their values.",
            "Load it in the current shell, or put the line in ~/.bashrc or ~/.zshrc."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(offline-vault completion bash)",
            "  source <(offline-vault completion zsh)"
        })
final class CompletionCommand implements Callable<Integer> {
    /** The shells a script is written for. */
    enum Shell { bash, zsh }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    private Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash(root.getCommandName(), root);
        PrintWriter out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            // zsh runs bash completion scripts through its bashcompinit layer
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(script);
        out.flush();
        return ExitStatus.OK.code();
    }
}
