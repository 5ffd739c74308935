package io.offlinevault.app.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The exit codes a command's help lists: those it can return, derived from what it uses. Every command can end with
 * 0 and 2 (a usage error); one that opens the vault or reaches a server (an {@link OfflineCommand} among its mixins)
 * also with 1 (a failure, an unreachable server), 4 (the data directory is locked) and 5 (the store does not open,
 * or the server's is sealed); a command adds its own with {@link Exits}; a group lists those of its subcommands.
 */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** {@return the statuses {@code command} can exit with, in the order of {@link ExitStatus}} */
    public static Set<ExitStatus> of(CommandSpec command) {
        Set<ExitStatus> statuses = EnumSet.of(ExitStatus.OK, ExitStatus.USAGE);
        boolean opensTheVault = command.mixins().values().stream()
                .anyMatch(mixin -> mixin.userObject() instanceof OfflineCommand);
        if (opensTheVault) {
            statuses.addAll(EnumSet.of(ExitStatus.FAILURE, ExitStatus.STORE_LOCKED, ExitStatus.STORE_SEALED));
        }
        own(command).ifPresent(exits -> statuses.addAll(Arrays.asList(exits.value())));
        command.subcommands().values().forEach(subcommand -> statuses.addAll(of(subcommand.getCommandSpec())));
        return statuses;
    }

    /** {@return the help's exit-code list of {@code command}: code, then meaning} */
    public static Map<String, String> list(CommandSpec command) {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitStatus status : of(command)) {
            list.put(Integer.toString(status.code()), status.meaning());
        }
        own(command).map(Exits::child).filter(child -> !child.isEmpty()).ifPresent(child -> list.put(child,
                "The exit code of " + child + ", when the command runs it."));
        return list;
    }

    private static Optional<Exits> own(CommandSpec command) {
        return Optional.ofNullable(command.userObject()).map(object -> object.getClass().getAnnotation(Exits.class));
    }
}
