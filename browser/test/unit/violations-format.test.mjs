import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './modules.mjs';

const { controlOf, groupViolations } = await load('violations.js');
const { filterEntries, pageOf, plural, utc } = await load('format.js');

test('each wire field names its control', () => {
    assert.equal(controlOf('key'), 'key');
    assert.equal(controlOf('vaultVisibilityType'), 'visibility');
    assert.equal(controlOf('attributeReferences[2].jsonPath'), 'reference-2-jsonPath');
    assert.equal(controlOf('attributeReferences'), 'references');
    assert.equal(controlOf('scopes[0].id'), 'form');
    assert.equal(controlOf('newKey'), 'newKey');
});

test('violations are grouped by control; those without one name their field', () => {
    const groups = groupViolations([
        { field: 'value', code: 'value.required', message: 'is required' },
        { field: 'value', code: 'value.blank', message: '' },
        { field: 'scopes[0].id', code: 'scopes.id.required', message: 'is required' }]);
    assert.deepEqual([...groups], [['value', ['is required', 'value.blank']], ['form', ['scopes[0].id is required']]]);
});

test('times are UTC minutes; anything else is blank', () => {
    assert.equal(utc(Date.UTC(2026, 11, 5, 16, 47, 59)), '2026-12-05 16:47 UTC');
    assert.equal(utc('yesterday'), '');
    assert.equal(plural(1, 'entry', 'entries'), '1 entry');
    assert.equal(plural(2, 'entry', 'entries'), '2 entries');
});

test('the filter matches key, types, visibility and references, in any case', () => {
    const entries = [
        { key: 'db.password', valueType: 'STRING', vaultVisibilityType: 'STRICT', attributeReferences: [] },
        { key: 'x', valueType: 'INTEGER', vaultVisibilityType: 'PUBLIC',
            attributeReferences: [{ resourceType: 'SOURCE', resourceName: 'HelpCenter', jsonPath: 'a.b' }] }];
    assert.deepEqual(filterEntries(entries, 'PASS').map((e) => e.key), ['db.password']);
    assert.deepEqual(filterEntries(entries, 'helpcenter').map((e) => e.key), ['x']);
    assert.deepEqual(filterEntries(entries, 'public').map((e) => e.key), ['x']);
    assert.equal(filterEntries(entries, '  ').length, 2);
});

test('paging clamps to the pages that exist', () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    assert.deepEqual(pageOf(items, 2, 20), { items: [40, 41, 42, 43, 44], page: 2, pages: 3 });
    assert.equal(pageOf(items, 9, 20).page, 2);
    assert.deepEqual(pageOf([], 0, 20), { items: [], page: 0, pages: 1 });
});
