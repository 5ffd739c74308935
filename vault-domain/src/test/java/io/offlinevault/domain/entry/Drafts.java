package io.offlinevault.domain.entry;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.error.InvalidEntryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Builders of raw JSON-like drafts for the validator tests. */
final class Drafts {
    static final OrganizationId ORG = OrganizationId.of("acme");
    static final String EMOJI = "\uD83D\uDD11";

    private Drafts() {
    }

    /** {@return a draft that passes create validation} */
    static EntryDraft valid() {
        return EntryDraft.empty().withKey("db.password").withValue("s3cr3t");
    }

    /** {@return a JSON object of the alternating names and values; values may be null} */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** {@return a JSON array of the items; items may be null} */
    static List<Object> array(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Map<String, Object> ref(Object jsonPath, Object resourceName, Object resourceType) {
        return object("jsonPath", jsonPath, "resourceName", resourceName, "resourceType", resourceType);
    }

    static Map<String, Object> scope(Object id, Object resourceType) {
        return object("id", id, "resourceType", resourceType);
    }

    /** {@return each violation of the call as "field code", in order} */
    static List<String> violationsOf(ThrowingCallable call) {
        List<String> found = new ArrayList<>();
        assertThatExceptionOfType(InvalidEntryException.class).isThrownBy(call)
                .satisfies(e -> e.violations().forEach(v -> found.add(v.field() + " " + v.code())));
        return found;
    }

    /** {@return the exception the call throws} */
    static InvalidEntryException failureOf(ThrowingCallable call) {
        InvalidEntryException[] caught = new InvalidEntryException[1];
        assertThatExceptionOfType(InvalidEntryException.class).isThrownBy(call).satisfies(e -> caught[0] = e);
        return caught[0];
    }
}
