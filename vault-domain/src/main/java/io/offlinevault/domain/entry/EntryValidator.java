package io.offlinevault.domain.entry;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns an {@link EntryDraft} into a {@link VaultEntry} under the rules of API.md 2.1-2.3, or throws
 * one {@link InvalidEntryException} listing every broken rule; stateless and thread-safe.
 */
public final class EntryValidator {
    /** The longest value, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 65_536;

    private EntryValidator() {
    }

    /**
     * {@return the entry that a POST of {@code draft} to {@code organization} creates}, with
     * {@code STRING} and {@code STRICT} as defaults; throws {@link InvalidEntryException} listing
     * every broken rule.
     */
    public static VaultEntry validateCreate(OrganizationId organization, EntryDraft draft) {
        requireNonNull(organization, "organization");
        requireNonNull(draft, "draft");
        List<Violation> violations = new ArrayList<>();
        checkOrganization(organization, draft.organizationId(), violations);
        violations.addAll(EntryKey.check(draft.key()));
        Optional<ValueType> type = parseEnum(ValueType.class, "valueType", draft.valueType(), ValueType.STRING,
                violations);
        Optional<Visibility> visibility = visibility(draft, Visibility.STRICT, violations);
        Optional<SecretValue> value;
        if (draft.value() == null) {
            violations.add(new Violation("value", "value.required", "is required"));
            value = Optional.empty();
        } else {
            value = checkValue(draft.value(), type, violations);
        }
        List<AttributeReference> references = EntryListParser.references(draft.attributeReferences(), violations);
        List<Scope> scopes = EntryListParser.scopes(draft.scopes(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidEntryException(violations);
        }
        return new VaultEntry(EntryKey.of((String) draft.key()), value.orElseThrow(), type.orElseThrow(),
                visibility.orElseThrow(), references, scopes);
    }

    /**
     * {@return {@code stored} under the key {@code newKey}, everything else kept}; throws {@link
     * InvalidEntryException} with the violations of {@code newKey} under the field {@code newKey} (codes
     * {@code newKey.<rule>} for the key rules, {@code newKey.unchanged} when it is the entry's own key).
     */
    public static VaultEntry validateRename(VaultEntry stored, Object newKey) {
        requireNonNull(stored, "stored");
        List<Violation> violations = EntryKey.check(newKey, "newKey").stream()
                .map(v -> new Violation(v.field(), v.code().replaceFirst("^key\\.", "newKey."), v.message()))
                .toList();
        if (violations.isEmpty() && stored.key().value().equals(newKey)) {
            violations = List.of(new Violation("newKey", "newKey.unchanged", "must differ from the entry's key"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidEntryException(violations);
        }
        return new VaultEntry(EntryKey.of((String) newKey), stored.value(), stored.valueType(), stored.visibility(),
                stored.attributeReferences(), stored.scopes());
    }

    /**
     * {@return the entry that a PUT of {@code draft} to {@code pathKey} makes of {@code stored}}: an
     * absent or {@code null} field keeps its stored value and {@code []} clears a list; throws
     * {@link InvalidEntryException} listing every broken rule, including the no-reading-through-edits
     * rules of API.md 2.2.
     */
    public static VaultEntry validateUpdate(OrganizationId organization, EntryKey pathKey, VaultEntry stored,
                                            EntryDraft draft) {
        requireNonNull(organization, "organization");
        requireNonNull(pathKey, "pathKey");
        requireNonNull(stored, "stored");
        requireNonNull(draft, "draft");
        List<Violation> violations = new ArrayList<>();
        checkOrganization(organization, draft.organizationId(), violations);
        checkBodyKey(pathKey, draft.key(), violations);
        Optional<ValueType> type = parseEnum(ValueType.class, "valueType", draft.valueType(), stored.valueType(),
                violations);
        Optional<Visibility> visibility = visibility(draft, stored.visibility(), violations);
        Optional<SecretValue> value;
        if (draft.value() == null) {
            // A stored value is never re-validated: a type change or a more visible entry must come with
            // a fresh value, or an EDIT token could probe or read a value it may not see.
            value = Optional.of(stored.value());
            if (type.isPresent() && type.get() != stored.valueType()) {
                violations.add(new Violation("valueType", "valueType.change_requires_value",
                        "can change only together with a value of the new type"));
            }
            if (visibility.isPresent() && stored.visibility().isEscalatedBy(visibility.get())) {
                violations.add(new Violation("vaultVisibilityType", "vaultVisibilityType.downgrade_requires_value",
                        "can become more visible (STRICT to OBFUSCATED or PUBLIC, OBFUSCATED to PUBLIC)"
                                + " only together with a new value"));
            }
        } else {
            value = checkValue(draft.value(), type, violations);
        }
        List<AttributeReference> references = draft.attributeReferences() == null
                ? stored.attributeReferences()
                : EntryListParser.references(draft.attributeReferences(), violations);
        List<Scope> scopes = draft.scopes() == null
                ? stored.scopes()
                : EntryListParser.scopes(draft.scopes(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidEntryException(violations);
        }
        return new VaultEntry(pathKey, value.orElseThrow(), type.orElseThrow(), visibility.orElseThrow(),
                references, scopes);
    }

    private static void checkOrganization(OrganizationId organization, Object raw, List<Violation> violations) {
        if (raw != null && !organization.value().equals(raw)) {
            violations.add(new Violation("organizationId", "organizationId.mismatch",
                    "must be absent or equal the organization of the path, '" + organization.value() + "'"));
        }
    }

    private static void checkBodyKey(EntryKey pathKey, Object raw, List<Violation> violations) {
        if (raw == null) {
            return;
        }
        if (!(raw instanceof String)) {
            violations.add(new Violation("key", "key.not_string", "must be a string"));
        } else if (!pathKey.value().equals(raw)) {
            violations.add(new Violation("key", "key.mismatch",
                    "must be absent or equal the key of the path (a key cannot be renamed)"));
        }
    }

    // Empty when the draft's visibility is invalid; the legacy flag counts only without vaultVisibilityType.
    private static Optional<Visibility> visibility(EntryDraft draft, Visibility absent, List<Violation> violations) {
        Optional<Visibility> legacy = Optional.empty();
        if (draft.sensitive() instanceof Boolean sensitive) {
            legacy = Optional.of(sensitive ? Visibility.OBFUSCATED : Visibility.PUBLIC);
        } else if (draft.sensitive() != null) {
            violations.add(new Violation("sensitive", "sensitive.not_boolean", "must be true or false"));
        }
        if (draft.vaultVisibilityType() != null) {
            return parseEnum(Visibility.class, "vaultVisibilityType", draft.vaultVisibilityType(), absent,
                    violations);
        }
        return Optional.of(legacy.orElse(absent));
    }

    // Empty when raw is no constant (a violation is then recorded); ASCII-only so that no locale or
    // Unicode case folding ("ſtring", "strıng") sneaks a variant past.
    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String field, Object raw, E absent,
                                                             List<Violation> violations) {
        if (raw == null) {
            return Optional.of(absent);
        }
        if (raw instanceof String text && text.chars().allMatch(c -> c < 0x80)) {
            String upper = text.toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(upper)) {
                    return Optional.of(constant);
                }
            }
        }
        String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        violations.add(new Violation(field, field + ".invalid", "must be one of " + names));
        return Optional.empty();
    }

    // Empty when the value breaks a rule (recorded) or when its type is unknown because valueType is invalid.
    private static Optional<SecretValue> checkValue(Object raw, Optional<ValueType> type,
                                                    List<Violation> violations) {
        if (!(raw instanceof String value)) {
            violations.add(new Violation("value", "value.not_string", "must be a JSON string"));
            return Optional.empty();
        }
        if (isBlank(value)) {
            violations.add(new Violation("value", "value.blank", "must not be empty or only whitespace"));
            return Optional.empty();
        }
        if (utf8Length(value) > MAX_VALUE_BYTES) {
            violations.add(new Violation("value", "value.too_long",
                    "must be at most " + MAX_VALUE_BYTES + " bytes in UTF-8"));
            return Optional.empty();
        }
        if (type.isEmpty()) {
            return Optional.empty();
        }
        ValueType valueType = type.get();
        if (!valueType.accepts(value)) {
            violations.add(new Violation("value", "value.invalid_for_type", mismatchMessage(valueType)));
            return Optional.empty();
        }
        return Optional.of(SecretValue.of(valueType.normalize(value)));
    }

    private static String mismatchMessage(ValueType type) {
        return switch (type) {
            case BOOLEAN -> "must be true or false (any case) for valueType BOOLEAN";
            case INTEGER -> "must be a whole number in the signed 64-bit range for valueType INTEGER";
            case FLOAT -> "must be a finite decimal number such as 1.5 or 2e10 for valueType FLOAT";
            case STRING -> "must be a string for valueType STRING";
        };
    }

    private static boolean isBlank(String value) {
        return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    // Counts without encoding; an unpaired surrogate counts 3 bytes, as it would take in WTF-8.
    private static long utf8Length(String value) {
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
