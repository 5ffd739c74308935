package io.offlinevault.http;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * An exception as the log may show it: the class and stack frames of it and its causes, never a
 * message (library messages quote input, and input may be a secret).
 */
final class StackFrames {
    private StackFrames() {
    }

    static String of(Throwable error) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = error; current != null && seen.add(current); current = current.getCause()) {
            text.append(current == error ? "" : "\ncaused by: ").append(current.getClass().getName());
            for (StackTraceElement frame : current.getStackTrace()) {
                text.append("\n\tat ").append(frame);
            }
        }
        return text.toString();
    }
}
