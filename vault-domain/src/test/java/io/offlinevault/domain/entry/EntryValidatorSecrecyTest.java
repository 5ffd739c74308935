package io.offlinevault.domain.entry;

import static io.offlinevault.domain.entry.Drafts.ORG;
import static io.offlinevault.domain.entry.Drafts.array;
import static io.offlinevault.domain.entry.Drafts.failureOf;
import static io.offlinevault.domain.entry.Drafts.ref;
import static io.offlinevault.domain.entry.Drafts.scope;
import static io.offlinevault.domain.entry.Drafts.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntryValidatorSecrecyTest {
    private static final String SENTINEL = "S3NT1NEL-value";
    private static final VaultEntry STORED = new VaultEntry(EntryKey.of("db.password"), SecretValue.of("old"),
            ValueType.STRING, Visibility.STRICT, List.of(), List.of());

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("create, INTEGER", (Runnable) () -> EntryValidator.validateCreate(ORG,
                        valid().withValueType("INTEGER").withValue(SENTINEL))),
                Arguments.of("create, FLOAT", (Runnable) () -> EntryValidator.validateCreate(ORG,
                        valid().withValueType("FLOAT").withValue(SENTINEL))),
                Arguments.of("create, BOOLEAN", (Runnable) () -> EntryValidator.validateCreate(ORG,
                        valid().withValueType("BOOLEAN").withValue(SENTINEL))),
                Arguments.of("create, too long", (Runnable) () -> EntryValidator.validateCreate(ORG,
                        valid().withValue(SENTINEL.repeat(5000)))),
                Arguments.of("create, sentinel in every field", (Runnable) () -> EntryValidator.validateCreate(ORG,
                        valid().withValue(SENTINEL).withValueType(SENTINEL).withVisibility(SENTINEL)
                                .withSensitive(SENTINEL).withOrganizationId(SENTINEL)
                                .withAttributeReferences(array(ref(SENTINEL + "[", SENTINEL, SENTINEL), SENTINEL))
                                .withScopes(array(scope(SENTINEL, SENTINEL))))),
                Arguments.of("update, INTEGER", (Runnable) () -> EntryValidator.validateUpdate(ORG,
                        STORED.key(), STORED, EntryDraft.empty().withValueType("INTEGER").withValue(SENTINEL))),
                Arguments.of("update, stored type", (Runnable) () -> EntryValidator.validateUpdate(ORG,
                        STORED.key(), STORED.withScopes(List.of()), EntryDraft.empty().withValue(SENTINEL)
                                .withValueType("boolean").withKey(SENTINEL))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void violations_never_quote_the_value(String name, Runnable call) {
        InvalidEntryException failure = failureOf(call::run);

        assertThat(failure.getMessage()).doesNotContain(SENTINEL);
        assertThat(failure.toString()).doesNotContain(SENTINEL);
        assertThat(failure.violations()).isNotEmpty()
                .extracting(Violation::message)
                .allSatisfy(message -> assertThat(message).doesNotContain(SENTINEL));
    }
}
