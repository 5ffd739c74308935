package io.offlinevault.app.cli;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Adds a command group's subcommands to its command line: only those {@code wanted} accepts when it accepts any,
 * else every one (picocli builds a command's model by reflection, a few milliseconds each; a name that matches none
 * must still get the group's own usage error and suggestions). Not thread-safe, as picocli's model is not.
 */
public final class Subcommands {
    private Subcommands() {
    }

    /** {@return {@code group} with the subcommands that {@code wanted} names, or with all when it names none} */
    public static CommandLine add(CommandLine group, Map<String, Supplier<Object>> subcommands, Predicate<String> wanted) {
        boolean any = subcommands.keySet().stream().anyMatch(wanted);
        subcommands.forEach((name, subcommand) -> {
            if (!any || wanted.test(name)) {
                group.addSubcommand(subcommand.get());
            }
        });
        return group;
    }
}
