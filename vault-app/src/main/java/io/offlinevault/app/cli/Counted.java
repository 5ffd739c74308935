package io.offlinevault.app.cli;

/** Counts as a person writes them: "1 entry", "2 entries", "0 keys". */
public final class Counted {
    private Counted() {
    }

    /** {@return {@code count} and {@code singular}, with an "s" unless the count is 1} */
    public static String of(long count, String singular) {
        return of(count, singular, singular + "s");
    }

    /** {@return {@code count} and {@code singular} or {@code plural}} */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
