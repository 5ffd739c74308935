package io.offlinevault.app.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

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

    /**
     * {@return the usage error of {@code group} run without a subcommand, naming its subcommands in the order its help
     * lists them} {@code article} goes before the group's name: "Missing an entry command: create, ... or import."
     */
    public static ParameterException missing(CommandSpec group, String article) {
        List<String> names = group.subcommands().values().stream()
                .filter(subcommand -> !subcommand.getCommandSpec().usageMessage().hidden())
                .map(CommandLine::getCommandName).distinct().toList();
        String last = names.get(names.size() - 1);
        String listed = names.size() == 1 ? last : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
        return new ParameterException(group.commandLine(),
                "Missing " + article + " " + group.name() + " command: " + listed + ".");
    }
}
