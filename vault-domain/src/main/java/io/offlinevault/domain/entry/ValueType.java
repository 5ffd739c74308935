package io.offlinevault.domain.entry;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** The type an entry's value (always sent as a JSON string) must parse as. */
public enum ValueType {
    BOOLEAN, FLOAT, INTEGER, STRING;

    private static final Pattern INTEGER_SHAPE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern FLOAT_SHAPE = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** {@return whether {@code raw} is a valid value of this type} */
    public boolean accepts(String raw) {
        return switch (this) {
            case BOOLEAN -> raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false");
            case INTEGER -> INTEGER_SHAPE.matcher(raw).matches() && fitsInLong(raw);
            case FLOAT -> FLOAT_SHAPE.matcher(raw).matches() && Double.isFinite(Double.parseDouble(raw));
            case STRING -> true;
        };
    }

    /** {@return the form in which an accepted value is stored: BOOLEAN lower case, others as sent} */
    public String normalize(String raw) {
        return switch (this) {
            case BOOLEAN -> raw.toLowerCase(Locale.ROOT);
            case FLOAT, INTEGER, STRING -> raw;
        };
    }

    private static boolean fitsInLong(String raw) {
        BigInteger value = new BigInteger(raw.startsWith("+") ? raw.substring(1) : raw);
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }
}
