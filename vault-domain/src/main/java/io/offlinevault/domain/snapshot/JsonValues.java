package io.offlinevault.domain.snapshot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Equality of plain JSON values as dry runs and applies compare models (API.md 3): numbers by value
 * ({@code 1}, {@code 1.0} and {@code 1e0} are equal), object members in any order, array elements in
 * order, strings (placeholders included, never resolved) by their text. Stateless and thread-safe.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** {@return whether {@code a} and {@code b} are the same JSON value} Either may be {@code null} (JSON null). */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return numbersEqual(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return objectsEqual(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return arraysEqual(x, y);
        }
        if (a instanceof Number || a instanceof Map || a instanceof List) {
            return false;
        }
        return a.equals(b);
    }

    private static boolean objectsEqual(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> member : a.entrySet()) {
            Object other = b.get(member.getKey());
            if (other == null && !b.containsKey(member.getKey()) || !equal(member.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    private static boolean arraysEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> x = a.iterator();
        Iterator<?> y = b.iterator();
        while (x.hasNext()) {
            if (!equal(x.next(), y.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean numbersEqual(Number a, Number b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x == null || y == null) {
            // NaN or an infinity: not a JSON number, so only the same value is equal
            return a.equals(b);
        }
        return x.compareTo(y) == 0;
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        double value = number.doubleValue();
        return Double.isFinite(value) ? new BigDecimal(number.toString()) : null;
    }
}
