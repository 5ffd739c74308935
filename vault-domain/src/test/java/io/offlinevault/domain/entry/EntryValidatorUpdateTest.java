package io.offlinevault.domain.entry;

import static io.offlinevault.domain.entry.Drafts.ORG;
import static io.offlinevault.domain.entry.Drafts.array;
import static io.offlinevault.domain.entry.Drafts.object;
import static io.offlinevault.domain.entry.Drafts.ref;
import static io.offlinevault.domain.entry.Drafts.scope;
import static io.offlinevault.domain.entry.Drafts.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntryValidatorUpdateTest {
    private static final EntryKey KEY = EntryKey.of("db.password");
    private static final AttributeReference REFERENCE =
            new AttributeReference(new JsonPath("configuration.password"), "helpcenter", ResourceType.SOURCE);
    private static final Scope SCOPE = new Scope("acme-extension", ResourceType.EXTENSION);

    private static VaultEntry stored(ValueType type, String value, Visibility visibility) {
        return new VaultEntry(KEY, SecretValue.of(value), type, visibility, List.of(REFERENCE), List.of(SCOPE));
    }

    private static VaultEntry stored(Visibility visibility) {
        return stored(ValueType.STRING, "old", visibility);
    }

    private static VaultEntry update(VaultEntry stored, EntryDraft draft) {
        return EntryValidator.validateUpdate(ORG, KEY, stored, draft);
    }

    @Test
    void update_keeps_every_field_that_is_absent() {
        VaultEntry stored = stored(ValueType.INTEGER, "12", Visibility.OBFUSCATED);

        assertThat(update(stored, EntryDraft.empty())).isEqualTo(stored);
    }

    @Test
    void update_keeps_every_field_that_is_null() {
        // given
        VaultEntry stored = stored(ValueType.INTEGER, "12", Visibility.OBFUSCATED);
        EntryDraft draft = EntryDraft.of(object("key", null, "value", null, "valueType", null,
                "vaultVisibilityType", null, "sensitive", null, "attributeReferences", null, "scopes", null,
                "organizationId", null));

        // when / then
        assertThat(update(stored, draft)).isEqualTo(stored);
    }

    @Test
    void update_rotates_the_value_and_keeps_the_rest() {
        VaultEntry updated = update(stored(Visibility.STRICT), EntryDraft.empty().withValue("new"));

        assertThat(updated.value().reveal()).isEqualTo("new");
        assertThat(updated.valueType()).isEqualTo(ValueType.STRING);
        assertThat(updated.visibility()).isEqualTo(Visibility.STRICT);
        assertThat(updated.attributeReferences()).containsExactly(REFERENCE);
        assertThat(updated.scopes()).containsExactly(SCOPE);
    }

    @Test
    void update_clears_the_lists_sent_empty() {
        VaultEntry updated = update(stored(Visibility.STRICT),
                EntryDraft.empty().withAttributeReferences(array()).withScopes(array()));

        assertThat(updated.attributeReferences()).isEmpty();
        assertThat(updated.scopes()).isEmpty();
        assertThat(updated.value().reveal()).isEqualTo("old");
    }

    @Test
    void update_replaces_the_lists_sent() {
        VaultEntry updated = update(stored(Visibility.STRICT), EntryDraft.empty()
                .withAttributeReferences(array(ref("a.b", "other", "field")))
                .withScopes(scope("acme-other", "EXTENSION")));

        assertThat(updated.attributeReferences())
                .containsExactly(new AttributeReference(new JsonPath("a.b"), "other", ResourceType.FIELD));
        assertThat(updated.scopes()).containsExactly(new Scope("acme-other", ResourceType.EXTENSION));
    }

    @Test
    void update_accepts_the_path_key_in_the_body() {
        assertThat(update(stored(Visibility.STRICT), EntryDraft.empty().withKey("db.password")).key()).isEqualTo(KEY);
    }

    @Test
    void update_does_not_revalidate_a_stored_value_when_only_scopes_change() {
        // given: a value that the current rules would refuse, stored before they existed
        VaultEntry stored = stored(ValueType.INTEGER, "12x", Visibility.STRICT);

        // when
        VaultEntry updated = update(stored, EntryDraft.empty().withScopes(array()));

        // then
        assertThat(updated.value().reveal()).isEqualTo("12x");
        assertThat(updated.scopes()).isEmpty();
    }

    static Stream<Arguments> rejectedUpdates() {
        EntryDraft empty = EntryDraft.empty();
        return Stream.of(
                Arguments.of("key of another entry", stored(Visibility.STRICT), empty.withKey("db.other"),
                        List.of("key key.mismatch")),
                Arguments.of("key a number", stored(Visibility.STRICT), empty.withKey(5L),
                        List.of("key key.not_string")),
                Arguments.of("organizationId of another organization", stored(Visibility.STRICT),
                        empty.withOrganizationId("other"), List.of("organizationId organizationId.mismatch")),
                Arguments.of("STRICT to OBFUSCATED without value", stored(Visibility.STRICT),
                        empty.withVisibility("OBFUSCATED"),
                        List.of("vaultVisibilityType vaultVisibilityType.downgrade_requires_value")),
                Arguments.of("STRICT to PUBLIC without value", stored(Visibility.STRICT),
                        empty.withVisibility("public"),
                        List.of("vaultVisibilityType vaultVisibilityType.downgrade_requires_value")),
                Arguments.of("OBFUSCATED to PUBLIC without value", stored(Visibility.OBFUSCATED),
                        empty.withVisibility("PUBLIC"),
                        List.of("vaultVisibilityType vaultVisibilityType.downgrade_requires_value")),
                Arguments.of("legacy sensitive false on STRICT without value", stored(Visibility.STRICT),
                        empty.withSensitive(false),
                        List.of("vaultVisibilityType vaultVisibilityType.downgrade_requires_value")),
                Arguments.of("legacy sensitive true on STRICT without value", stored(Visibility.STRICT),
                        empty.withSensitive(true),
                        List.of("vaultVisibilityType vaultVisibilityType.downgrade_requires_value")),
                Arguments.of("type change without value", stored(Visibility.STRICT), empty.withValueType("INTEGER"),
                        List.of("valueType valueType.change_requires_value")),
                Arguments.of("sent value checked against the new type", stored(Visibility.STRICT),
                        empty.withValueType("INTEGER").withValue("abc"), List.of("value value.invalid_for_type")),
                Arguments.of("sent value checked against the stored type", stored(ValueType.BOOLEAN, "true",
                        Visibility.STRICT), empty.withValue("yes"), List.of("value value.invalid_for_type")),
                Arguments.of("blank value", stored(Visibility.STRICT), empty.withValue(" "),
                        List.of("value value.blank")),
                Arguments.of("value a number", stored(Visibility.STRICT), empty.withValue(5L),
                        List.of("value value.not_string")),
                Arguments.of("unknown visibility", stored(Visibility.STRICT), empty.withVisibility("SECRET"),
                        List.of("vaultVisibilityType vaultVisibilityType.invalid")),
                Arguments.of("references not an array", stored(Visibility.STRICT), empty.withAttributeReferences("x"),
                        List.of("attributeReferences attributeReferences.not_array")),
                Arguments.of("broken scope", stored(Visibility.STRICT), empty.withScopes(array(scope("", "X"))),
                        List.of("scopes[0].id scopes.id.required")),
                Arguments.of("every rule at once", stored(Visibility.STRICT), empty.withKey("db.other")
                                .withValueType("FLOAT").withVisibility("PUBLIC").withScopes(7L),
                        List.of("key key.mismatch", "valueType valueType.change_requires_value",
                                "vaultVisibilityType vaultVisibilityType.downgrade_requires_value",
                                "scopes scopes.not_array")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedUpdates")
    void update_reports_the_broken_rule(String name, VaultEntry stored, EntryDraft draft, List<String> expected) {
        assertThat(violationsOf(() -> update(stored, draft))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> acceptedUpdates() {
        EntryDraft empty = EntryDraft.empty();
        return Stream.of(
                Arguments.of("STRICT to OBFUSCATED with value", stored(Visibility.STRICT),
                        empty.withVisibility("OBFUSCATED").withValue("new"), Visibility.OBFUSCATED, "new"),
                Arguments.of("STRICT to PUBLIC with value", stored(Visibility.STRICT),
                        empty.withVisibility("PUBLIC").withValue("new"), Visibility.PUBLIC, "new"),
                Arguments.of("OBFUSCATED to PUBLIC with value", stored(Visibility.OBFUSCATED),
                        empty.withVisibility("PUBLIC").withValue("new"), Visibility.PUBLIC, "new"),
                Arguments.of("legacy sensitive false on STRICT with value", stored(Visibility.STRICT),
                        empty.withSensitive(false).withValue("new"), Visibility.PUBLIC, "new"),
                Arguments.of("PUBLIC to OBFUSCATED without value", stored(Visibility.PUBLIC),
                        empty.withVisibility("OBFUSCATED"), Visibility.OBFUSCATED, "old"),
                Arguments.of("PUBLIC to STRICT without value", stored(Visibility.PUBLIC),
                        empty.withVisibility("STRICT"), Visibility.STRICT, "old"),
                Arguments.of("OBFUSCATED to STRICT without value", stored(Visibility.OBFUSCATED),
                        empty.withVisibility("strict"), Visibility.STRICT, "old"),
                Arguments.of("same visibility without value", stored(Visibility.OBFUSCATED),
                        empty.withVisibility("OBFUSCATED"), Visibility.OBFUSCATED, "old"),
                Arguments.of("legacy sensitive true on PUBLIC without value", stored(Visibility.PUBLIC),
                        empty.withSensitive(true), Visibility.OBFUSCATED, "old"),
                Arguments.of("legacy sensitive false ignored beside STRICT", stored(Visibility.STRICT),
                        empty.withSensitive(false).withVisibility("STRICT"), Visibility.STRICT, "old"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedUpdates")
    void update_changes_the_visibility_under_the_escalation_rules(String name, VaultEntry stored, EntryDraft draft,
                                                                  Visibility visibility, String value) {
        VaultEntry updated = update(stored, draft);

        assertThat(updated.visibility()).isEqualTo(visibility);
        assertThat(updated.value().reveal()).isEqualTo(value);
    }

    static Stream<Arguments> typeChanges() {
        EntryDraft empty = EntryDraft.empty();
        return Stream.of(
                Arguments.of("STRING to INTEGER with value", ValueType.STRING, "old",
                        empty.withValueType("INTEGER").withValue("5"), ValueType.INTEGER, "5"),
                Arguments.of("STRING to boolean with value", ValueType.STRING, "old",
                        empty.withValueType("boolean").withValue("TRUE"), ValueType.BOOLEAN, "true"),
                Arguments.of("same type in lower case without value", ValueType.STRING, "old",
                        empty.withValueType("string"), ValueType.STRING, "old"),
                Arguments.of("value of the stored type", ValueType.FLOAT, "1.5",
                        empty.withValue("2e3"), ValueType.FLOAT, "2e3"),
                Arguments.of("INTEGER to STRING with value", ValueType.INTEGER, "12",
                        empty.withValueType("STRING").withValue("twelve"), ValueType.STRING, "twelve"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeChanges")
    void update_changes_the_type_with_a_value(String name, ValueType storedType, String storedValue, EntryDraft draft,
                                              ValueType type, String value) {
        VaultEntry updated = update(stored(storedType, storedValue, Visibility.STRICT), draft);

        assertThat(updated.valueType()).isEqualTo(type);
        assertThat(updated.value().reveal()).isEqualTo(value);
    }
}
