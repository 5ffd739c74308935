package io.offlinevault.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A console for tests: what is written to it is kept, and each password prompt is answered with the next scripted
 * answer (none left: the input has ended). Prompts are recorded, so a test sees what was asked and when.
 */
public final class ScriptedTerminal implements Terminal {
    private final StringWriter written = new StringWriter();
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();

    /** {@return a console that answers the password prompts with {@code answers}, in order} */
    public static ScriptedTerminal typing(String... answers) {
        ScriptedTerminal terminal = new ScriptedTerminal();
        terminal.answers.addAll(List.of(answers));
        return terminal;
    }

    /** Adds answers for the prompts still to come. */
    public void willType(String... more) {
        answers.addAll(List.of(more));
    }

    @Override
    public Optional<PrintWriter> console() {
        return Optional.of(new PrintWriter(written, true));
    }

    @Override
    public Optional<char[]> readPassword(String prompt) {
        prompts.add(prompt);
        written.append(prompt).append(System.lineSeparator());
        String answer = answers.poll();
        return Optional.ofNullable(answer).map(String::toCharArray);
    }

    /** {@return the prompts shown so far, in order} */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    /** {@return the answers not asked for yet} */
    public int unanswered() {
        return answers.size();
    }

    /** {@return everything written to the console (prompts included; typed answers are never echoed)} */
    public String written() {
        return written.toString();
    }
}
