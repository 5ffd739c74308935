import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './modules.mjs';

const { draftFor, place, renamesOffered, summarize, verdict } = await load('check.js');

const key = 'mysource_iynO7X-configuration.parameters.ClientSecret.value';
const missing = { key, resourceType: 'SOURCE', resourceName: 'mysource_iynO7X',
    jsonPath: 'configuration.parameters.ClientSecret.value', in: 'model', found: false, similarKeys: [] };

test('the verdict counts distinct keys, not references', () => {
    const check = { references: [missing, { ...missing, resourceName: 'other' },
        { ...missing, key: 'b', found: true }], missing: [key] };
    assert.deepEqual(summarize(check), { references: 3, keys: 2, missing: 1 });
    assert.equal(verdict(check), '1 of 2 referenced vault entries are missing.');
    assert.equal(verdict({ references: [{ ...missing, found: true }], missing: [] }),
        'The one referenced vault entry exists: the prerequisites are satisfied.');
    assert.equal(verdict({ references: [], missing: [] }), 'This snapshot references no vault entry.');
});

test('Create entry pre-fills the key and its attribute reference', () => {
    assert.deepEqual(draftFor(missing), { key, value: '', valueType: 'STRING', vaultVisibilityType: 'STRICT',
        attributeReferences: [{ resourceType: 'SOURCE', resourceName: 'mysource_iynO7X',
            jsonPath: 'configuration.parameters.ClientSecret.value' }] });
});

test('a reference in parents gives no attribute reference, and says where it is', () => {
    const parent = { ...missing, in: 'parents', jsonPath: 'sourceId' };
    assert.deepEqual(draftFor(parent).attributeReferences, []);
    assert.equal(place(parent), 'parents: sourceId');
    assert.equal(place(missing), 'configuration.parameters.ClientSecret.value');
});

test('only key.reference_mismatch warnings offer renames, one per expected key', () => {
    const warnings = [{ code: 'key.reference_mismatch', key: 'typed', message: 'm', expectedKeys: ['a', 'b'] },
        { code: 'something.else', key: 'typed', expectedKeys: ['c'] }];
    assert.deepEqual(renamesOffered(warnings), [{ key: 'typed', expectedKey: 'a', message: 'm' },
        { key: 'typed', expectedKey: 'b', message: 'm' }]);
    assert.deepEqual(renamesOffered(undefined), []);
});

const { importSummary, reportErrors, reportRows, reportVerdict } = await load('check.js');

const counters = (created, unchanged, inError = 0) => ({ resourcesCreated: created, resourcesUpdated: 0,
    resourcesRecreated: 0, resourcesDeleted: 0, resourcesInError: inError, resourcesUnchanged: unchanged });

test('a report becomes one row per type and a verdict', () => {
    const report = { type: 'APPLY', resultCode: 'SUCCESS', resourcesProcessed: 3,
        resourceOperations: { SOURCE: counters(1, 0), FIELD: counters(0, 2) } };
    assert.deepEqual(reportRows(report).map((row) => [row.type, row.created, row.unchanged]),
        [['FIELD', 0, 2], ['SOURCE', 1, 0]]);
    assert.equal(reportVerdict(report), 'Apply: SUCCESS, 3 resources processed.');
    assert.equal(reportVerdict({ ...report, resourceOperations: { FIELD: counters(0, 3) } }),
        'Apply: no changes, all 3 resources are unchanged.');
    assert.equal(reportVerdict({ type: 'APPLY', resultCode: 'SUCCESS', resourcesProcessed: 1,
        resourceOperations: { FIELD: counters(1, 0) } }), 'Apply: SUCCESS, 1 resource processed.');
    assert.equal(reportVerdict({ type: 'DRY_RUN', resourcesProcessed: 1, resourceOperations: { SOURCE: counters(0, 0, 1) } }),
        'Dry run: 1 resource in error; nothing would be applied.');
});

test('the items in error carry their key, place and look-alikes', () => {
    const report = { resourceOperationResults: { SOURCE: { src: [{ resultCode: 'INVALID_PLACEHOLDER', message: 'm',
        vaultEntryKey: 'k', jsonPath: 'a.b', in: 'model', similarKeys: ['K'] }] } } };
    assert.deepEqual(reportErrors(report), [{ resourceType: 'SOURCE', resourceName: 'src',
        resultCode: 'INVALID_PLACEHOLDER', message: 'm', key: 'k', jsonPath: 'a.b', in: 'model', similarKeys: ['K'] }]);
});

test('an import dry run says plainly when the origin holds nothing', () => {
    assert.deepEqual(importSummary({ copied: [], overwritten: [], skipped: [], missingInSource: ['k'] }, 'o'),
        ['The origin organization o holds none of the keys to import: nothing would be copied.', 'Missing in o: k.']);
    assert.deepEqual(importSummary({ copied: ['a'], overwritten: [], skipped: ['b'], missingInSource: [] }, 'o'),
        ['Would copy 1: a.', 'Left as they are: b.']);
    assert.match(importSummary({ conflict: true, keys: ['k'] }, 'o')[0], /^Nothing can be imported with ALL_OR_NOTHING/);
});
