import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './modules.mjs';

const { ApiError, createApi, entryPath, queryString } = await load('api.js');

function fakeFetch(answers) {
    const calls = [];
    const fetchImpl = async (url, init) => {
        calls.push({ url, ...init });
        const { status = 200, body } = answers.shift() ?? {};
        return {
            status,
            ok: status >= 200 && status < 300,
            json: async () => (typeof body === 'string' ? JSON.parse(body) : body),
            arrayBuffer: async () => new ArrayBuffer(3),
        };
    };
    return { calls, fetchImpl };
}

test('keys and organizations go percent-encoded into the path', () => {
    assert.equal(entryPath('acme', 'a/b c%[1]'), '/rest/organizations/acme/vaultentries/a%2Fb%20c%25%5B1%5D');
    assert.equal(entryPath('acme', 'fetch'), '/rest/organizations/acme/vaultentries/fetch');
});

test('a query string leaves out absent values', () => {
    assert.equal(queryString({ page: 0, pageSize: 20, filter: undefined, note: '' }), '?page=0&pageSize=20');
    assert.equal(queryString({}), '');
    assert.equal(queryString({ developerNotes: 'a&b c' }), '?developerNotes=a%26b%20c');
});

test('every call carries the bearer token in a header, never in the URL', async () => {
    const { calls, fetchImpl } = fakeFetch([{ body: { items: [], totalEntries: 0, totalPages: 0 } }]);
    const api = createApi({ fetchImpl, token: () => 'ovt_secret' });
    await api.entries('acme', 2, 20);
    assert.equal(calls[0].url, '/rest/organizations/acme/vaultentries?page=2&pageSize=20');
    assert.equal(calls[0].headers.Authorization, 'Bearer ovt_secret');
    assert.equal(calls[0].credentials, 'omit');
    assert.ok(!calls[0].url.includes('ovt_secret'));
});

test('a JSON body is sent as application/json', async () => {
    const { calls, fetchImpl } = fakeFetch([{ status: 201, body: { key: 'k' } }]);
    const api = createApi({ fetchImpl, token: () => 't' });
    assert.deepEqual(await api.createEntry('acme', { key: 'k', value: 'v' }), { key: 'k' });
    assert.equal(calls[0].method, 'POST');
    assert.equal(calls[0].headers['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(calls[0].body), { key: 'k', value: 'v' });
});

test('a 401 calls onUnauthorized, then fails with the API error', async () => {
    const { fetchImpl } = fakeFetch([{ status: 401, body: { errorCode: 'INVALID_TOKEN', message: 'no', requestID: 'r1' } }]);
    let told = 0;
    const api = createApi({ fetchImpl, token: () => 't', onUnauthorized: () => { told += 1; } });
    await assert.rejects(api.organizations(), (error) => error instanceof ApiError && error.status === 401
        && error.code === 'INVALID_TOKEN' && error.requestId === 'r1');
    assert.equal(told, 1);
});

test('a 400 keeps its violations; a body that is not JSON still gives an error', async () => {
    const violations = [{ field: 'value', code: 'value.required', message: 'is required' }];
    const { fetchImpl } = fakeFetch([{ status: 400, body: { errorCode: 'INVALID_VAULT_ENTRY', message: 'bad', violations } },
        { status: 502, body: 'not json{' }]);
    const api = createApi({ fetchImpl, token: () => 't' });
    await assert.rejects(api.createEntry('acme', {}), (error) => error.violations.length === 1 && error.message === 'bad');
    await assert.rejects(api.organizations(), (error) => error.status === 502 && error.message === 'The server answered 502.');
});

test('204 answers null; snapshot content comes back as bytes and is checked as a ZIP', async () => {
    const { calls, fetchImpl } = fakeFetch([{ status: 204 }, { status: 200 }, { status: 200, body: { references: [] } }]);
    const api = createApi({ fetchImpl, token: () => 't' });
    assert.equal(await api.deleteEntry('acme', 'k'), null);
    const zip = await api.snapshotContent('acme', 'acme-abc');
    assert.ok(zip instanceof ArrayBuffer);
    await api.checkSnapshot('acme', zip);
    assert.equal(calls[1].url, '/rest/organizations/acme/snapshots/acme-abc/content');
    assert.equal(calls[2].url, '/rest/organizations/acme/snapshots/check');
    assert.equal(calls[2].headers['Content-Type'], 'application/zip');
});
