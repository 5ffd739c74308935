// The prerequisite check of a snapshot as the console shows it, from POST .../snapshots/check (API.md 6): every
// reference with its key, resource, JSON path, found or missing and look-alike keys. No DOM here: Node tests it.

/** {@return the counts of a check: references, distinct keys, distinct missing keys} */
export function summarize(check) {
    const references = Array.isArray(check?.references) ? check.references : [];
    const keys = new Set(references.map((reference) => reference.key));
    const missing = new Set(references.filter((reference) => !reference.found).map((reference) => reference.key));
    for (const key of check?.missing ?? []) {
        missing.add(key);
    }
    return { references: references.length, keys: keys.size, missing: missing.size };
}

/** {@return the sentence that sums up a check} */
export function verdict(check) {
    const { keys, missing } = summarize(check);
    if (keys === 0) {
        return 'This snapshot references no vault entry.';
    }
    if (missing === 0) {
        return keys === 1 ? 'The one referenced vault entry exists: the prerequisites are satisfied.'
            : `All ${keys} referenced vault entries exist: the prerequisites are satisfied.`;
    }
    return `${missing} of ${keys} referenced vault ${keys === 1 ? 'entry is' : 'entries are'} missing.`;
}

/** {@return where a reference points, as the console writes it: the JSON path, prefixed for parents} */
export function place(reference) {
    return reference.in === 'parents' ? `parents: ${reference.jsonPath}` : reference.jsonPath;
}

/** {@return the entry draft that "Create entry" opens for a missing reference: its key and attribute reference} */
export function draftFor(reference) {
    const draft = {
        key: reference.key,
        value: '',
        valueType: 'STRING',
        vaultVisibilityType: 'STRICT',
        attributeReferences: [],
    };
    if (reference.in !== 'parents' && reference.resourceName && reference.jsonPath) {
        draft.attributeReferences.push({
            resourceType: reference.resourceType,
            resourceName: reference.resourceName,
            jsonPath: reference.jsonPath,
        });
    }
    return draft;
}

/** {@return the renames a save's warnings offer: [{key, expectedKey, message}], one per expected key} */
export function renamesOffered(warnings) {
    const offers = [];
    for (const warning of warnings ?? []) {
        if (warning?.code !== 'key.reference_mismatch') {
            continue;
        }
        for (const expectedKey of warning.expectedKeys ?? []) {
            offers.push({ key: warning.key, expectedKey, message: warning.message ?? '' });
        }
    }
    return offers;
}
