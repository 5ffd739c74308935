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

const COUNTERS = [['resourcesCreated', 'created'], ['resourcesUpdated', 'updated'],
    ['resourcesRecreated', 'recreated'], ['resourcesDeleted', 'deleted'], ['resourcesInError', 'inError'],
    ['resourcesUnchanged', 'unchanged']];

/** {@return a dry run's or apply's counters, one row per resource type, sorted by type} */
export function reportRows(report) {
    return Object.entries(report?.resourceOperations ?? {}).sort(([a], [b]) => a.localeCompare(b))
        .map(([type, operations]) => Object.fromEntries([['type', type],
            ...COUNTERS.map(([wire, name]) => [name, Number(operations?.[wire] ?? 0)])]));
}

/** {@return every item in error of a report: type, resource, resultCode, message, key, jsonPath, similarKeys} */
export function reportErrors(report) {
    const errors = [];
    for (const [type, resources] of Object.entries(report?.resourceOperationResults ?? {})) {
        for (const [resourceName, items] of Object.entries(resources ?? {})) {
            for (const item of items ?? []) {
                errors.push({ resourceType: type, resourceName, resultCode: item.resultCode, message: item.message,
                    key: item.vaultEntryKey, jsonPath: item.jsonPath, in: item.in, similarKeys: item.similarKeys ?? [] });
            }
        }
    }
    return errors;
}

/** {@return the sentence that sums up a report} */
export function reportVerdict(report) {
    const rows = reportRows(report);
    const total = (name) => rows.reduce((sum, row) => sum + row[name], 0);
    const what = report?.type === 'APPLY' ? 'Apply' : 'Dry run';
    if (total('inError') > 0) {
        return `${what}: ${total('inError')} resource${total('inError') === 1 ? '' : 's'} in error; nothing`
            + ` ${report?.type === 'APPLY' ? 'was' : 'would be'} applied.`;
    }
    const processed = Number(report?.resourcesProcessed ?? 0);
    if (processed === total('unchanged')) {
        return `${what}: no changes, ${processed === 1 ? 'the one resource is' : `all ${processed} resources are`}`
            + ' unchanged.';
    }
    return `${what}: ${report?.resultCode ?? 'SUCCESS'}, ${processed} resource${processed === 1 ? '' : 's'} processed.`;
}

/** {@return what an import's dry run says, in words: [sentence, ...]} `answer` is the 200 body or the 409's keys */
export function importSummary(answer, from) {
    if (answer.conflict) {
        return [`Nothing can be imported with ALL_OR_NOTHING: the origin organization ${from} lacks`
            + ` ${answer.keys.length === 1 ? 'this key' : `these ${answer.keys.length} keys`}: ${answer.keys.join(', ')}.`
            + ' Choose ONLY_MISSING to copy the others, or create the entries.'];
    }
    const lines = [];
    const copies = (answer.copied?.length ?? 0) + (answer.overwritten?.length ?? 0);
    if (copies === 0) {
        lines.push(`The origin organization ${from} holds none of the keys to import: nothing would be copied.`);
    }
    if (answer.copied?.length) {
        lines.push(`Would copy ${answer.copied.length}: ${answer.copied.join(', ')}.`);
    }
    if (answer.overwritten?.length) {
        lines.push(`Would overwrite ${answer.overwritten.length}: ${answer.overwritten.join(', ')}.`);
    }
    if (answer.missingInSource?.length) {
        lines.push(`Missing in ${from}: ${answer.missingInSource.join(', ')}.`);
    }
    if (answer.skipped?.length) {
        lines.push(`Left as they are: ${answer.skipped.join(', ')}.`);
    }
    return lines;
}
