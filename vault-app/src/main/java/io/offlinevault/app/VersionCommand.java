package io.offlinevault.app;

import io.offlinevault.app.cli.ExitStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code offline-vault version}: what {@code --version} prints, as a command. */
@Command(name = "version",
        mixinStandardHelpOptions = true,
        description = "Prints the version of offline-vault and of the Java that runs it (as --version does).")
final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new Main.Version().getVersion()) {
            out.println(line);
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}
