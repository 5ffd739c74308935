package io.offlinevault.domain.entry;

import static io.offlinevault.domain.entry.Drafts.EMOJI;
import static io.offlinevault.domain.entry.Drafts.ORG;
import static io.offlinevault.domain.entry.Drafts.array;
import static io.offlinevault.domain.entry.Drafts.failureOf;
import static io.offlinevault.domain.entry.Drafts.object;
import static io.offlinevault.domain.entry.Drafts.ref;
import static io.offlinevault.domain.entry.Drafts.scope;
import static io.offlinevault.domain.entry.Drafts.valid;
import static io.offlinevault.domain.entry.Drafts.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntryValidatorCreateTest {

    private static Arguments row(String name, EntryDraft draft, String... expected) {
        return Arguments.of(name, draft, List.of(expected));
    }

    private static EntryDraft typed(String valueType, Object value) {
        return valid().withValueType(valueType).withValue(value);
    }

    private static EntryDraft withRef(Object reference) {
        return valid().withAttributeReferences(array(reference));
    }

    static Stream<Arguments> rejectedDrafts() {
        return Stream.of(
                row("key absent", valid().withKey(null), "key key.required"),
                row("key a number", valid().withKey(42L), "key key.not_string"),
                row("key empty", valid().withKey(""), "key key.length"),
                row("key of 513 code points", valid().withKey("a".repeat(513)), "key key.length"),
                row("key of 513 emoji", valid().withKey(EMOJI.repeat(513)), "key key.length"),
                row("key with NBSP", valid().withKey("db\u00A0password"), "key key.invalid_character"),
                row("key with zero-width space", valid().withKey("db\u200Bpassword"), "key key.invalid_character"),
                row("key with a tab", valid().withKey("db\tpassword"), "key key.invalid_character"),
                row("key with a space", valid().withKey("db password"), "key key.invalid_character"),
                row("key with {", valid().withKey("db{password"), "key key.invalid_character"),
                row("key with }", valid().withKey("db}password"), "key key.invalid_character"),
                row("key with a control character", valid().withKey("db\u0007"), "key key.invalid_character"),
                row("key fetch", valid().withKey("fetch"), "key key.reserved"),
                row("key missing", valid().withKey("missing"), "key key.reserved"),
                row("key .", valid().withKey("."), "key key.reserved"),
                row("key ..", valid().withKey(".."), "key key.reserved"),
                row("key with unpaired high surrogate", valid().withKey("a\uD83Db"), "key key.unpaired_surrogate"),
                row("key with unpaired low surrogate", valid().withKey("\uDD11a"), "key key.unpaired_surrogate"),

                row("value absent", valid().withValue(null), "value value.required"),
                row("value a number", valid().withValue(42L), "value value.not_string"),
                row("value a boolean", valid().withValue(true), "value value.not_string"),
                row("value an object", valid().withValue(object("a", "b")), "value value.not_string"),
                row("value empty", valid().withValue(""), "value value.blank"),
                row("value of spaces", valid().withValue("   "), "value value.blank"),
                row("value of NBSP", valid().withValue("\u00A0"), "value value.blank"),
                row("value of tabs and line breaks", valid().withValue("\t\r\n\u2003"), "value value.blank"),
                row("value of 65,537 ASCII bytes", valid().withValue("a".repeat(65_537)), "value value.too_long"),
                row("value of 65,537 bytes in 2-byte chars", valid().withValue("\u00E9".repeat(32_768) + "a"),
                        "value value.too_long"),
                row("value of 65,538 bytes in 3-byte chars", valid().withValue("\u20AC".repeat(21_846)),
                        "value value.too_long"),
                row("value of 65,537 bytes in emoji", valid().withValue(EMOJI.repeat(16_384) + "a"),
                        "value value.too_long"),
                row("INTEGER 1.5", typed("INTEGER", "1.5"), "value value.invalid_for_type"),
                row("INTEGER 0x10", typed("INTEGER", "0x10"), "value value.invalid_for_type"),
                row("INTEGER Long.MAX + 1", typed("INTEGER", "9223372036854775808"), "value value.invalid_for_type"),
                row("INTEGER Long.MIN - 1", typed("INTEGER", "-9223372036854775809"), "value value.invalid_for_type"),
                row("INTEGER with spaces", typed("INTEGER", " 7"), "value value.invalid_for_type"),
                row("FLOAT NaN", typed("FLOAT", "NaN"), "value value.invalid_for_type"),
                row("FLOAT Infinity", typed("FLOAT", "Infinity"), "value value.invalid_for_type"),
                row("FLOAT 1e999", typed("FLOAT", "1e999"), "value value.invalid_for_type"),
                row("FLOAT 0x1p3", typed("FLOAT", "0x1p3"), "value value.invalid_for_type"),
                row("FLOAT 1.5f", typed("FLOAT", "1.5f"), "value value.invalid_for_type"),
                row("BOOLEAN yes", typed("BOOLEAN", "yes"), "value value.invalid_for_type"),
                row("BOOLEAN 1", typed("BOOLEAN", "1"), "value value.invalid_for_type"),

                row("valueType unknown", valid().withValueType("SECRET"), "valueType valueType.invalid"),
                row("valueType a number", valid().withValueType(1L), "valueType valueType.invalid"),
                row("valueType empty", valid().withValueType(""), "valueType valueType.invalid"),
                row("valueType with a dotless i", valid().withValueType("str\u0131ng"), "valueType valueType.invalid"),
                row("value not checked against an unknown valueType", typed("DECIMAL", "1.5"),
                        "valueType valueType.invalid"),
                row("visibility unknown", valid().withVisibility("SECRET"),
                        "vaultVisibilityType vaultVisibilityType.invalid"),
                row("visibility a boolean", valid().withVisibility(true),
                        "vaultVisibilityType vaultVisibilityType.invalid"),
                row("sensitive a string", valid().withSensitive("true"), "sensitive sensitive.not_boolean"),
                row("sensitive a number", valid().withSensitive(1L), "sensitive sensitive.not_boolean"),

                row("organizationId of another organization", valid().withOrganizationId("other"),
                        "organizationId organizationId.mismatch"),
                row("organizationId in another case", valid().withOrganizationId("ACME"),
                        "organizationId organizationId.mismatch"),
                row("organizationId a number", valid().withOrganizationId(7L),
                        "organizationId organizationId.mismatch"),

                row("references a string", valid().withAttributeReferences("x"),
                        "attributeReferences attributeReferences.not_array"),
                row("references a single object", valid().withAttributeReferences(ref("a", "n", "SOURCE")),
                        "attributeReferences attributeReferences.not_array"),
                row("reference a string", withRef("x"), "attributeReferences[0] attributeReferences.not_object"),
                row("reference null", withRef(null), "attributeReferences[0] attributeReferences.not_object"),
                row("jsonPath absent", withRef(ref(null, "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.required"),
                row("jsonPath empty", withRef(ref("", "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.required"),
                row("jsonPath a number", withRef(ref(5L, "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.invalid"),
                row("jsonPath $.a", withRef(ref("$.a", "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.prefix"),
                row("jsonPath model.a", withRef(ref("model.a", "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.prefix"),
                row("jsonPath a..b", withRef(ref("a..b", "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.invalid"),
                row("jsonPath a[", withRef(ref("a[", "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.invalid"),
                row("jsonPath a[-1]", withRef(ref("a[-1]", "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.invalid"),
                row("jsonPath a b", withRef(ref("a b", "n", "SOURCE")),
                        "attributeReferences[0].jsonPath attributeReferences.jsonPath.invalid"),
                row("resourceName absent", withRef(ref("a", null, "SOURCE")),
                        "attributeReferences[0].resourceName attributeReferences.resourceName.required"),
                row("resourceName empty", withRef(ref("a", "", "SOURCE")),
                        "attributeReferences[0].resourceName attributeReferences.resourceName.required"),
                row("resourceName a number", withRef(ref("a", 5L, "SOURCE")),
                        "attributeReferences[0].resourceName attributeReferences.resourceName.not_string"),
                row("reference resourceType absent", withRef(ref("a", "n", null)),
                        "attributeReferences[0].resourceType attributeReferences.resourceType.required"),
                row("reference resourceType 1ABC", withRef(ref("a", "n", "1ABC")),
                        "attributeReferences[0].resourceType attributeReferences.resourceType.invalid"),
                row("reference resourceType A-B", withRef(ref("a", "n", "A-B")),
                        "attributeReferences[0].resourceType attributeReferences.resourceType.invalid"),
                row("reference resourceType a number", withRef(ref("a", "n", 3L)),
                        "attributeReferences[0].resourceType attributeReferences.resourceType.invalid"),
                row("third reference broken", valid().withAttributeReferences(array(ref("a", "n", "SOURCE"),
                                ref("b", "n", "SOURCE"), ref("c[", "n", "SOURCE"))),
                        "attributeReferences[2].jsonPath attributeReferences.jsonPath.invalid"),

                row("scopes a string", valid().withScopes("x"), "scopes scopes.not_array"),
                row("scope a number", valid().withScopes(array(5L)), "scopes[0] scopes.not_object"),
                row("scope id absent", valid().withScopes(array(scope(null, "EXTENSION"))),
                        "scopes[0].id scopes.id.required"),
                row("scope id empty", valid().withScopes(array(scope("", "EXTENSION"))),
                        "scopes[0].id scopes.id.required"),
                row("scope id a number", valid().withScopes(array(scope(5L, "EXTENSION"))),
                        "scopes[0].id scopes.id.not_string"),
                row("scope resourceType absent", valid().withScopes(array(scope("x", null))),
                        "scopes[0].resourceType scopes.resourceType.required"),
                row("scope resourceType A-B", valid().withScopes(array(scope("x", "A-B"))),
                        "scopes[0].resourceType scopes.resourceType.invalid"),
                row("single scope object broken", valid().withScopes(scope(null, "EXTENSION")),
                        "scopes[0].id scopes.id.required"),
                row("second scope broken", valid().withScopes(array(scope("x", "EXTENSION"), scope("y", "1ABC"))),
                        "scopes[1].resourceType scopes.resourceType.invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedDrafts")
    void create_reports_the_broken_rule(String name, EntryDraft draft, List<String> expected) {
        assertThat(violationsOf(() -> EntryValidator.validateCreate(ORG, draft))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> acceptedKeys() {
        return Stream.of(
                Arguments.of("512 code points", "k".repeat(512)),
                Arguments.of("512 emoji, 1024 chars", EMOJI.repeat(512)),
                Arguments.of("an emoji", "api" + EMOJI + "key"),
                Arguments.of("dots, colons, percent and brackets", "src_1-a.b:c%2F[0]"),
                Arguments.of("three dots", "..."),
                Arguments.of("Fetch in another case", "Fetch"),
                Arguments.of("one character", "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedKeys")
    void create_accepts_the_key_as_sent(String name, String key) {
        assertThat(EntryValidator.validateCreate(ORG, valid().withKey(key)).key().value()).isEqualTo(key);
    }

    static Stream<Arguments> acceptedValues() {
        return Stream.of(
                Arguments.of("STRING", "s3cr3t", ValueType.STRING, "s3cr3t"),
                Arguments.of("string", " padded ", ValueType.STRING, " padded "),
                Arguments.of("STRING", "\u200B", ValueType.STRING, "\u200B"),
                Arguments.of("INTEGER", "9223372036854775807", ValueType.INTEGER, "9223372036854775807"),
                Arguments.of("INTEGER", "-9223372036854775808", ValueType.INTEGER, "-9223372036854775808"),
                Arguments.of("integer", "+7", ValueType.INTEGER, "+7"),
                Arguments.of("Integer", "007", ValueType.INTEGER, "007"),
                Arguments.of("FLOAT", "1e5", ValueType.FLOAT, "1e5"),
                Arguments.of("FLOAT", ".5", ValueType.FLOAT, ".5"),
                Arguments.of("FLOAT", "5.", ValueType.FLOAT, "5."),
                Arguments.of("float", "-1.5E-3", ValueType.FLOAT, "-1.5E-3"),
                Arguments.of("FLOAT", "42", ValueType.FLOAT, "42"),
                Arguments.of("BOOLEAN", "TRUE", ValueType.BOOLEAN, "true"),
                Arguments.of("boolean", "False", ValueType.BOOLEAN, "false"),
                Arguments.of("STRING", "a".repeat(65_536), ValueType.STRING, "a".repeat(65_536)),
                Arguments.of("STRING", "\u00E9".repeat(32_768), ValueType.STRING, "\u00E9".repeat(32_768)),
                Arguments.of("STRING", "\u20AC".repeat(21_845) + "a", ValueType.STRING, "\u20AC".repeat(21_845) + "a"),
                Arguments.of("STRING", EMOJI.repeat(16_384), ValueType.STRING, EMOJI.repeat(16_384)));
    }

    @ParameterizedTest(name = "{0} {index}")
    @MethodSource("acceptedValues")
    void create_accepts_a_value_of_its_type(String valueType, String value, ValueType type, String stored) {
        VaultEntry entry = EntryValidator.validateCreate(ORG, typed(valueType, value));

        assertThat(entry.valueType()).isEqualTo(type);
        assertThat(entry.value().reveal()).isEqualTo(stored);
    }

    static Stream<Arguments> visibilities() {
        return Stream.of(
                Arguments.of("absent: STRICT", valid(), Visibility.STRICT),
                Arguments.of("public", valid().withVisibility("public"), Visibility.PUBLIC),
                Arguments.of("Obfuscated", valid().withVisibility("Obfuscated"), Visibility.OBFUSCATED),
                Arguments.of("STRICT", valid().withVisibility("STRICT"), Visibility.STRICT),
                Arguments.of("sensitive true", valid().withSensitive(true), Visibility.OBFUSCATED),
                Arguments.of("sensitive false", valid().withSensitive(false), Visibility.PUBLIC),
                Arguments.of("sensitive true ignored beside STRICT",
                        valid().withSensitive(true).withVisibility("STRICT"), Visibility.STRICT),
                Arguments.of("sensitive false ignored beside OBFUSCATED",
                        valid().withSensitive(false).withVisibility("OBFUSCATED"), Visibility.OBFUSCATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("visibilities")
    void create_sets_the_visibility(String name, EntryDraft draft, Visibility expected) {
        assertThat(EntryValidator.validateCreate(ORG, draft).visibility()).isEqualTo(expected);
    }

    static Stream<Arguments> resourceTypes() {
        return Stream.of(
                Arguments.of("SOURCE", ResourceType.SOURCE),
                Arguments.of("source", ResourceType.SOURCE),
                Arguments.of("Extension", ResourceType.EXTENSION),
                Arguments.of("NEW_THING", ResourceType.of("NEW_THING")),
                Arguments.of("new_thing2", ResourceType.of("NEW_THING2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceTypes")
    void create_accepts_any_well_formed_resource_type(String raw, ResourceType expected) {
        VaultEntry entry = EntryValidator.validateCreate(ORG, withRef(ref("a", "n", raw))
                .withScopes(array(scope("x", raw))));

        assertThat(entry.attributeReferences()).extracting(AttributeReference::resourceType).containsExactly(expected);
        assertThat(entry.scopes()).extracting(Scope::resourceType).containsExactly(expected);
    }

    static Stream<String> acceptedJsonPaths() {
        return Stream.of("a.b", "rules[1].content[0]", "a['b.c'][0].d", "['source id']",
                "configuration.parameters.ClientSecret.value", "['model'].x", "a['it\\'s']");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedJsonPaths")
    void create_accepts_a_json_path_of_the_grammar(String jsonPath) {
        VaultEntry entry = EntryValidator.validateCreate(ORG, withRef(ref(jsonPath, "n", "SOURCE")));

        assertThat(entry.attributeReferences()).extracting(r -> r.jsonPath().value()).containsExactly(jsonPath);
    }

    @Test
    void create_applies_the_defaults() {
        VaultEntry entry = EntryValidator.validateCreate(ORG, valid());

        assertThat(entry.key()).isEqualTo(EntryKey.of("db.password"));
        assertThat(entry.value().reveal()).isEqualTo("s3cr3t");
        assertThat(entry.valueType()).isEqualTo(ValueType.STRING);
        assertThat(entry.visibility()).isEqualTo(Visibility.STRICT);
        assertThat(entry.attributeReferences()).isEmpty();
        assertThat(entry.scopes()).isEmpty();
    }

    @Test
    void create_reads_the_api_example() {
        // given
        EntryDraft draft = EntryDraft.of(object(
                "organizationId", "acme",
                "key", "helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value",
                "value", "s3cr3t", "valueType", "STRING", "vaultVisibilityType", "OBFUSCATED", "public", true,
                "attributeReferences", array(ref("configuration.parameters.ClientSecret.value", "helpcenter_Qm7xK2",
                        "SOURCE")),
                "scopes", array(scope("acme-abcdefghijklmnopqrstuvwxyz", "EXTENSION"))));

        // when
        VaultEntry entry = EntryValidator.validateCreate(ORG, draft);

        // then
        assertThat(entry).isEqualTo(new VaultEntry(
                EntryKey.of("helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value"), SecretValue.of("s3cr3t"),
                ValueType.STRING, Visibility.OBFUSCATED,
                List.of(new AttributeReference(new JsonPath("configuration.parameters.ClientSecret.value"),
                        "helpcenter_Qm7xK2", ResourceType.SOURCE)),
                List.of(new Scope("acme-abcdefghijklmnopqrstuvwxyz", ResourceType.EXTENSION))));
    }

    @Test
    void create_collapses_duplicate_references_and_scopes() {
        // given
        EntryDraft draft = valid()
                .withAttributeReferences(array(ref("a", "n", "SOURCE"), ref("b", "n", "SOURCE"),
                        ref("a", "n", "source")))
                .withScopes(array(scope("x", "EXTENSION"), scope("x", "extension")));

        // when
        VaultEntry entry = EntryValidator.validateCreate(ORG, draft);

        // then
        assertThat(entry.attributeReferences()).extracting(r -> r.jsonPath().value()).containsExactly("a", "b");
        assertThat(entry.scopes()).containsExactly(new Scope("x", ResourceType.EXTENSION));
    }

    @Test
    void create_accepts_a_single_scope_object_as_a_one_element_array() {
        VaultEntry entry = EntryValidator.validateCreate(ORG, valid().withScopes(scope("x", "EXTENSION")));

        assertThat(entry.scopes()).containsExactly(new Scope("x", ResourceType.EXTENSION));
    }

    @Test
    void create_accepts_the_path_organization_in_the_body() {
        assertThat(EntryValidator.validateCreate(ORG, valid().withOrganizationId("acme")).key().value())
                .isEqualTo("db.password");
    }

    @Test
    void create_reports_every_violation_at_once() {
        // given
        EntryDraft draft = EntryDraft.empty()
                .withOrganizationId("other")
                .withKey("fetch")
                .withValue("abc").withValueType("integer")
                .withVisibility("SECRET").withSensitive("yes")
                .withAttributeReferences(array(ref("a", "n", "SOURCE"), ref("$.a", "", "A-B"), 7L))
                .withScopes(scope(5L, null));

        // when
        InvalidEntryException failure = failureOf(() -> EntryValidator.validateCreate(ORG, draft));

        // then
        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_VAULT_ENTRY);
        assertThat(failure.violations()).extracting(Violation::field, Violation::code).containsExactly(
                tuple("organizationId", "organizationId.mismatch"),
                tuple("key", "key.reserved"),
                tuple("sensitive", "sensitive.not_boolean"),
                tuple("vaultVisibilityType", "vaultVisibilityType.invalid"),
                tuple("value", "value.invalid_for_type"),
                tuple("attributeReferences[1].jsonPath",
                        "attributeReferences.jsonPath.prefix"),
                tuple("attributeReferences[1].resourceName",
                        "attributeReferences.resourceName.required"),
                tuple("attributeReferences[1].resourceType",
                        "attributeReferences.resourceType.invalid"),
                tuple("attributeReferences[2]", "attributeReferences.not_object"),
                tuple("scopes[0].id", "scopes.id.not_string"),
                tuple("scopes[0].resourceType", "scopes.resourceType.required"));
    }
}
