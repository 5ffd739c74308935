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
