package io.offlinevault.domain.entry;

import java.util.Map;

/**
 * A create or update request as plain JSON values ({@code String}, {@code Number}, {@code Boolean},
 * {@code Map}, {@code List}, or {@code null} for absent), so that a number where a string belongs is a
 * violation rather than a parse error. Every component may be {@code null}: {@code null} means absent.
 * Field names are the wire names of API.md 2.1.
 */
public record EntryDraft(Object organizationId, Object key, Object value, Object valueType,
                         Object vaultVisibilityType, Object sensitive, Object attributeReferences,
                         Object scopes) {

    /** {@return a draft of the JSON object {@code json}; unknown fields (and {@code public}) are ignored} */
    public static EntryDraft of(Map<String, ?> json) {
        return new EntryDraft(json.get("organizationId"), json.get("key"), json.get("value"), json.get("valueType"),
                json.get("vaultVisibilityType"), json.get("sensitive"), json.get("attributeReferences"),
                json.get("scopes"));
    }

    /** {@return an empty draft, to build on with the {@code with} methods} */
    public static EntryDraft empty() {
        return new EntryDraft(null, null, null, null, null, null, null, null);
    }

    public EntryDraft withKey(Object newKey) {
        return new EntryDraft(organizationId, newKey, value, valueType, vaultVisibilityType, sensitive,
                attributeReferences, scopes);
    }

    public EntryDraft withValue(Object newValue) {
        return new EntryDraft(organizationId, key, newValue, valueType, vaultVisibilityType, sensitive,
                attributeReferences, scopes);
    }

    public EntryDraft withValueType(Object newValueType) {
        return new EntryDraft(organizationId, key, value, newValueType, vaultVisibilityType, sensitive,
                attributeReferences, scopes);
    }

    public EntryDraft withVisibility(Object newVisibility) {
        return new EntryDraft(organizationId, key, value, valueType, newVisibility, sensitive,
                attributeReferences, scopes);
    }

    public EntryDraft withSensitive(Object newSensitive) {
        return new EntryDraft(organizationId, key, value, valueType, vaultVisibilityType, newSensitive,
                attributeReferences, scopes);
    }

    public EntryDraft withAttributeReferences(Object newReferences) {
        return new EntryDraft(organizationId, key, value, valueType, vaultVisibilityType, sensitive,
                newReferences, scopes);
    }

    public EntryDraft withScopes(Object newScopes) {
        return new EntryDraft(organizationId, key, value, valueType, vaultVisibilityType, sensitive,
                attributeReferences, newScopes);
    }

    public EntryDraft withOrganizationId(Object newOrganizationId) {
        return new EntryDraft(newOrganizationId, key, value, valueType, vaultVisibilityType, sensitive,
                attributeReferences, scopes);
    }

    @Override
    public String toString() {
        return "EntryDraft[key=" + key + ", value=" + (value == null ? "absent" : "****") + "]";
    }
}
