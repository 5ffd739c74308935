package io.offlinevault.domain.port.in;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.Violation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broken rule of one item of a bulk import: the item's index from 0 and the violation as the item alone
 * would have it ({@code value}, not {@code items[3].value}). Lets a command line print per item what
 * {@link EntryImports} reports under {@code items[i].<field>}.
 */
public record ItemViolation(int item, Violation violation) {
    private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d{1,9})]\\.(.+)", Pattern.DOTALL);

    public ItemViolation {
        if (item < 0) {
            throw new IllegalArgumentException("item must not be negative");
        }
        requireNonNull(violation, "violation");
    }

    /** {@return the field path of {@code field} in item {@code item}: {@code items[3].value}} */
    public static String field(int item, String field) {
        return "items[" + item + "]." + field;
    }

    /** {@return {@code violation} of item {@code item} as the whole import reports it, under {@code items[i].}} */
    public Violation inImport() {
        return new Violation(field(item, violation.field()), violation.code(), violation.message());
    }

    /**
     * {@return the item violation that {@code reported} (a violation of an import, field
     * {@code items[i].<field>}) stands for} Throws {@link IllegalArgumentException} for any other field.
     */
    public static ItemViolation of(Violation reported) {
        Matcher matcher = ITEM_FIELD.matcher(reported.field());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not the violation of an import item: " + reported.field());
        }
        return new ItemViolation(Integer.parseInt(matcher.group(1)),
                new Violation(matcher.group(2), reported.code(), reported.message()));
    }
}
