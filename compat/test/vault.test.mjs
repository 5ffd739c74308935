// Drives the offline-vault server with the real @coveo/platform-client (pinned in package.json), the way a
// script written for the cloud would, plus raw fetch for the routes the client has no method for.
// The contract is ../shared/design/API.md sections 1, 2, 4 and 5.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { API, PlatformClient, VaultFetchStrategy } from '@coveo/platform-client';
import { assertCommonHeaders, assertRawError, rejectsWith } from './helpers.mjs';
import { startServer } from './server.mjs';

const ORG = 'compatorg';
const ORIGIN = 'originorg';
const PAGING_ORG = 'compatpaging';
const UNKNOWN_SNAPSHOT = `${ORG}-ABCDEFGHIJKLMNOPQRSTUVWXYZ`;

// Every value sent is unique and recorded, so the last test can check that none reached the server's output.
const sentValues = new Set();
function secret(label) {
    const value = `compat-${label}-${randomBytes(6).toString('hex')}`;
    sentValues.add(value);
    return value;
}

let server;

// A second, narrower token, from the server's seed: it may only view entries, and only in ORG.
const VIEWER = { name: 'viewer', orgs: [ORG], privileges: ['VAULT_ENTRY:VIEW'] };

// The keys of the paging tests, seeded as STRICT entries (the default) of PAGING_ORG. Sorted by String.compareTo,
// i.e. by UTF-16 code unit, which is also what Array.prototype.sort does: the emoji (a surrogate pair) sorts
// before the full-width letter although its code point is higher.
const PAGING_KEYS = ['page-c', 'Page-Z', 'page-a', 'page-\u00e9', 'page-\u{1F600}', 'page-\uFF21', 'page-b'];

before(async () => {
    server = await startServer({
        tokens: [VIEWER],
        organizations: [{ id: PAGING_ORG, entries: PAGING_KEYS.map((key) => ({ key, value: secret('paging') })) }],
    });
});

after(async () => {
    if (server && process.env.COMPAT_SERVER_LOG === '1') {
        process.stderr.write(`${server.output()}\n`);
    }
    await server?.stop();
});

/** A client configured as a user would: a custom host, an organization and a token. */
function clientFor(organizationId, accessToken = server.adminToken) {
    return new PlatformClient({ host: server.baseUrl, organizationId, accessToken });
}

/** The package's exported request core, for routes that have no resource method (V3-V5). */
function apiFor(organizationId, accessToken = server.adminToken) {
    return new API({ host: server.baseUrl, organizationId, accessToken });
}

function entryRoute(key) {
    return `/rest/organizations/{organizationName}/vaultentries/${encodeURIComponent(key)}`;
}

function entryPath(organizationId, key) {
    return `/rest/organizations/${organizationId}/vaultentries/${encodeURIComponent(key)}`;
}

/** A raw request; `token: null` sends no Authorization header. */
async function raw(method, path, { token = server.adminToken, json, body, headers = {} } = {}) {
    const init = { method, headers: { ...headers } };
    if (token !== null) {
        init.headers.Authorization = `Bearer ${token}`;
    }
    if (json !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(json);
    } else if (body !== undefined) {
        init.body = body;
    }
    const response = await fetch(`${server.baseUrl}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** A response's list fields: the server may omit an empty set or send `[]`; both read as empty. */
function withLists(entry) {
    return { attributeReferences: [], scopes: [], ...entry };
}

describe('platform routes', () => {
    test('GET /health answers without a token', async () => {
        const response = await raw('GET', '/health', { token: null });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/);
        assertCommonHeaders(response.headers);
        assert.deepEqual(response.json(), { status: 'ok' });
    });

    test('client.initialize() posts the token as multipart to /oauth/check_token', async () => {
        const client = clientFor(ORG);
        await client.initialize();
        // The client keeps the answer on its request core; there is no other public accessor.
        assert.equal(client.API.currentUser?.name, 'admin');
    });

    test('check_token answers valid for the multipart form the client sends, and the urlencoded form', async () => {
        const form = new FormData();
        form.append('token', server.adminToken);
        const multipart = await raw('POST', '/oauth/check_token', { body: form });
        assert.equal(multipart.status, 200, multipart.text);
        assertCommonHeaders(multipart.headers);
        assert.equal(multipart.json().valid, true);
        assert.equal(multipart.json().authentication.name, 'admin');

        const urlencoded = await raw('POST', '/oauth/check_token', {
            body: new URLSearchParams({ token: server.adminToken }),
        });
        assert.equal(urlencoded.status, 200, urlencoded.text);
        assert.equal(urlencoded.json().valid, true);
    });

    test('check_token: unknown token field is 400 INVALID_PARAMETER, a bad bearer is 401 INVALID_TOKEN', async () => {
        const form = new FormData();
        form.append('token', `ovt_${'x'.repeat(43)}`);
        assertRawError(await raw('POST', '/oauth/check_token', { body: form }), 400, 'INVALID_PARAMETER');

        const empty = new FormData();
        empty.append('other', 'x');
        assertRawError(await raw('POST', '/oauth/check_token', { body: empty }), 400, 'INVALID_PARAMETER');

        await rejectsWith(clientFor(ORG, 'not-a-token').initialize(), 401, 'INVALID_TOKEN');
    });

    test('organization.list() names the organizations that hold data, sorted', async () => {
        await clientFor(ORG).vault.create({ key: 'org-list-marker', value: secret('org-marker') });
        await clientFor(ORIGIN).vault.create({ key: 'org-list-marker', value: secret('org-marker') });

        const organizations = await clientFor(ORG).organization.list();
        assert.ok(Array.isArray(organizations), JSON.stringify(organizations));
        const ids = organizations.map((organization) => organization.id);
        assert.deepEqual(ids, [...ids].sort());
        assert.deepEqual(organizations.find((o) => o.id === ORG), { id: ORG, displayName: ORG });
        assert.deepEqual(organizations.find((o) => o.id === ORIGIN), { id: ORIGIN, displayName: ORIGIN });
    });

    test('privilegeEvaluator.evaluate() approves the LINK privilege the Coveo CLI asks for', async () => {
        const answer = await clientFor(ORG).privilegeEvaluator.evaluate({
            requestedPrivilege: { owner: 'PLATFORM', targetDomain: 'LINK', type: 'VIEW', targetId: '*' },
        });
        assert.equal(answer.approved, true);
    });
});

describe('vault.create', () => {
    test('a STRICT STRING entry with references and scopes: 201 without value', async () => {
        const key = 'helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value';
        const attributeReferences = [
            { jsonPath: 'configuration.parameters.ClientSecret.value', resourceName: 'helpcenter_Qm7xK2', resourceType: 'SOURCE' },
        ];
        const scopes = [{ id: `${ORG}-abcdefghijklmnopqrstuvwxyz`, resourceType: 'EXTENSION' }];

        const created = await clientFor(ORG).vault.create({
            organizationId: ORG,
            key,
            value: secret('strict'),
            valueType: 'STRING',
            vaultVisibilityType: 'STRICT',
            attributeReferences,
            scopes,
        });

        assert.deepEqual(created, {
            organizationId: ORG,
            key,
            valueType: 'STRING',
            vaultVisibilityType: 'STRICT',
            public: false,
            attributeReferences,
            scopes,
        });
    });

    test('lower-case enums are accepted and emitted upper case', async () => {
        const created = await clientFor(ORG).vault.create({
            key: 'lower-case-enums',
            value: secret('lower'),
            valueType: 'string',
            vaultVisibilityType: 'obfuscated',
            attributeReferences: [{ jsonPath: 'a.b', resourceName: 'r1', resourceType: 'source' }],
        });

        assert.deepEqual(withLists(created), {
            organizationId: ORG,
            key: 'lower-case-enums',
            valueType: 'STRING',
            vaultVisibilityType: 'OBFUSCATED',
            public: false,
            attributeReferences: [{ jsonPath: 'a.b', resourceName: 'r1', resourceType: 'SOURCE' }],
            scopes: [],
            // (ext) the key is not the one its reference spells out: saved, with a warning that names it
            warnings: [{
                code: 'key.reference_mismatch',
                message: 'The key lower-case-enums is not the key its attribute reference spells out (r1-a.b): a'
                    + ' snapshot that references this value looks for that key. Rename the entry to r1-a.b (its value'
                    + ' is kept), unless the key is right and the references are not.',
                key: 'lower-case-enums',
                expectedKeys: ['r1-a.b'],
            }],
        });
    });

    test('defaults: no valueType is STRING, no visibility is STRICT', async () => {
        const created = await clientFor(ORG).vault.create({ key: 'defaults-only', value: secret('defaults') });

        assert.deepEqual(withLists(created), {
            organizationId: ORG,
            key: 'defaults-only',
            valueType: 'STRING',
            vaultVisibilityType: 'STRICT',
            public: false,
            attributeReferences: [],
            scopes: [],
        });
    });

    test('legacy sensitive: true is OBFUSCATED (no value), sensitive: false is PUBLIC (value)', async () => {
        const client = clientFor(ORG);
        const sensitive = await client.vault.create({ key: 'legacy-sensitive', value: secret('sensitive'), sensitive: true });
        assert.deepEqual(withLists(sensitive), {
            organizationId: ORG,
            key: 'legacy-sensitive',
            valueType: 'STRING',
            vaultVisibilityType: 'OBFUSCATED',
            public: false,
            attributeReferences: [],
            scopes: [],
        });

        const plainValue = secret('not-sensitive');
        const notSensitive = await client.vault.create({ key: 'legacy-not-sensitive', value: plainValue, sensitive: false });
        assert.equal(notSensitive.vaultVisibilityType, 'PUBLIC');
        assert.equal(notSensitive.public, true);
        assert.equal(notSensitive.value, plainValue);
    });

    test('a PUBLIC entry is answered with its value; BOOLEAN is stored lower case', async () => {
        const client = clientFor(ORG);
        const value = secret('public');
        const created = await client.vault.create({ key: 'public-entry', value, vaultVisibilityType: 'PUBLIC' });
        assert.deepEqual(withLists(created), {
            organizationId: ORG,
            key: 'public-entry',
            value,
            valueType: 'STRING',
            vaultVisibilityType: 'PUBLIC',
            public: true,
            attributeReferences: [],
            scopes: [],
        });

        const flag = await client.vault.create({ key: 'public-flag', value: 'TRUE', valueType: 'boolean', vaultVisibilityType: 'public' });
        assert.equal(flag.valueType, 'BOOLEAN');
        assert.equal(flag.value, 'true');
    });

    test('a duplicate create is 409 VAULT_ENTRY_ALREADY_EXISTS and does not echo the value', async () => {
        const client = clientFor(ORG);
        await client.vault.create({ key: 'duplicate-me', value: secret('first') });
        const second = secret('second');

        const error = await rejectsWith(client.vault.create({ key: 'duplicate-me', value: second }), 409, 'VAULT_ENTRY_ALREADY_EXISTS');
        assert.ok(!JSON.stringify({ ...error, message: error.message }).includes(second));
    });

    test('a validation error is 400 INVALID_VAULT_ENTRY with every violation on the error object', async () => {
        const client = clientFor(ORG);
        const error = await rejectsWith(
            client.vault.create({
                value: 42,
                vaultVisibilityType: 'SECRET',
                attributeReferences: [{ resourceName: 'r1', resourceType: 'SOURCE' }],
            }),
            400,
            'INVALID_VAULT_ENTRY',
        );
        assert.ok(Array.isArray(error.violations), JSON.stringify(error));
        for (const violation of error.violations) {
            assert.equal(typeof violation.message, 'string');
            assert.notEqual(violation.message, '');
        }
        const pairs = error.violations.map((v) => `${v.field} ${v.code}`).sort();
        assert.deepEqual(pairs, [
            'attributeReferences[0].jsonPath attributeReferences.jsonPath.required',
            'key key.required',
            'value value.not_string',
            'vaultVisibilityType vaultVisibilityType.invalid',
        ]);

        const badInteger = secret('not-an-integer');
        const typed = await rejectsWith(
            client.vault.create({ key: 'typed-integer', value: badInteger, valueType: 'integer' }),
            400,
            'INVALID_VAULT_ENTRY',
        );
        assert.deepEqual(
            typed.violations.map((v) => `${v.field} ${v.code}`),
            ['value value.invalid_for_type'],
        );
        assert.ok(!JSON.stringify({ ...typed, message: typed.message }).includes(badInteger), 'the error echoes the value');
    });

    test('a bad token is 401 INVALID_TOKEN, before anything else', async () => {
        const client = clientFor(ORG, `ovt_${'A'.repeat(43)}`);
        await rejectsWith(client.vault.create({ key: 'never-created', value: secret('unauthorized') }), 401, 'INVALID_TOKEN');
        await rejectsWith(client.vault.list(), 401, 'INVALID_TOKEN');
        await rejectsWith(client.vault.findMissing(UNKNOWN_SNAPSHOT), 401, 'INVALID_TOKEN');

        const noToken = await raw('GET', `/rest/organizations/${ORG}/vaultentries`, { token: null });
        assertRawError(noToken, 401, 'INVALID_TOKEN');
    });

    test('a token without VAULT_ENTRY:CREATE gets 403 ACCESS_DENIED, and nothing is created', async () => {
        const viewer = clientFor(ORG, server.tokens.viewer);
        const value = secret('forbidden');

        const error = await rejectsWith(viewer.vault.create({ key: 'viewer-cannot-create', value }), 403, 'ACCESS_DENIED');
        assert.ok(!JSON.stringify({ ...error, message: error.message }).includes(value), 'the error echoes the value');
        assertRawError(await raw('GET', entryPath(ORG, 'viewer-cannot-create')), 404, 'VAULT_ENTRY_NOT_FOUND');

        // the same token does what it holds: VAULT_ENTRY:VIEW in its organization
        const page = await viewer.vault.list({ perPage: 1 });
        assert.equal(typeof page.totalEntries, 'number');
    });

    test('a token on another organization gets 403 ACCESS_DENIED, through the client and raw', async () => {
        const denied = assertRawError(
            await raw('GET', `/rest/organizations/${ORIGIN}/vaultentries`, { token: server.tokens.viewer }),
            403,
            'ACCESS_DENIED',
        );
        assert.match(denied.message, new RegExp(ORIGIN));
        await rejectsWith(clientFor(ORIGIN, server.tokens.viewer).vault.list(), 403, 'ACCESS_DENIED');
    });
});

describe('vault.list (of the seeded PAGING_ORG)', () => {
    const keys = PAGING_KEYS;
    const sorted = [...keys].sort();
    let client;

    before(() => {
        client = clientFor(PAGING_ORG);
    });

    test('perPage: the client sends it as pageSize', async () => {
        const page = await client.vault.list({ perPage: 3 });
        assert.equal(page.totalEntries, keys.length);
        assert.equal(page.totalPages, 3);
        assert.deepEqual(page.items.map((item) => item.key), sorted.slice(0, 3));
        for (const item of page.items) {
            assert.equal(item.organizationId, PAGING_ORG);
            assert.equal(item.vaultVisibilityType, 'STRICT');
            assert.ok(!('value' in item), 'a STRICT value was listed');
        }
    });

    test('pageSize (the deprecated option) with page', async () => {
        const page = await client.vault.list({ pageSize: 3, page: 2 });
        assert.deepEqual(page.items.map((item) => item.key), sorted.slice(6));
        assert.equal(page.totalEntries, keys.length);
        assert.equal(page.totalPages, 3);
    });

    test('no options: the default page size holds everything', async () => {
        const page = await client.vault.list();
        assert.deepEqual(page.items.map((item) => item.key), sorted);
        assert.equal(page.totalEntries, keys.length);
        assert.equal(page.totalPages, 1);
    });

    test('perPage: 1 pages over every key exactly once, in order, then past the end', async () => {
        const seen = [];
        for (let page = 0; page < keys.length; page++) {
            const answer = await client.vault.list({ perPage: 1, page });
            assert.equal(answer.totalEntries, keys.length);
            assert.equal(answer.totalPages, keys.length);
            assert.equal(answer.items.length, 1, `page ${page}`);
            seen.push(answer.items[0].key);
        }
        assert.deepEqual(seen, sorted);

        const past = await client.vault.list({ perPage: 1, page: keys.length });
        assert.deepEqual(past, { items: [], totalEntries: keys.length, totalPages: keys.length });
    });

    test('perPage on the wire is an alias of pageSize; both at once is 400', async () => {
        const base = `/rest/organizations/${PAGING_ORG}/vaultentries`;
        const aliased = await raw('GET', `${base}?perPage=2&page=1`);
        assert.equal(aliased.status, 200, aliased.text);
        assertCommonHeaders(aliased.headers);
        const body = aliased.json();
        assert.deepEqual(body.items.map((item) => item.key), sorted.slice(2, 4));
        assert.equal(body.totalEntries, keys.length);
        assert.equal(body.totalPages, 4);

        assertRawError(await raw('GET', `${base}?perPage=2&pageSize=2`), 400, 'INVALID_PARAMETER');
    });

    test('bad paging values are 400 INVALID_PARAMETER', async () => {
        await rejectsWith(client.vault.list({ perPage: 0 }), 400, 'INVALID_PARAMETER');
        await rejectsWith(client.vault.list({ pageSize: 1001 }), 400, 'INVALID_PARAMETER');
        await rejectsWith(client.vault.list({ page: -1 }), 400, 'INVALID_PARAMETER');
        assertRawError(await raw('GET', `/rest/organizations/${PAGING_ORG}/vaultentries?pageSize=abc`), 400, 'INVALID_PARAMETER');
    });
});

describe('single entries by key (no client method: raw fetch and the client request core)', () => {
    // Every character that needs percent-encoding in a path, plus non-ASCII, '/' and '+'.
    const oddKey = 'compat-odd.key:50%[0]|sentinel-\u00e9\u2713/a+b';

    test('raw fetch: GET 200, PUT 200, DELETE 204 without body, then GET 404 with a JSON error', async () => {
        const original = secret('odd-original');
        await clientFor(ORG).vault.create({
            key: oddKey,
            value: original,
            vaultVisibilityType: 'PUBLIC',
            scopes: [{ id: `${ORG}-abcdefghijklmnopqrstuvwxyz`, resourceType: 'EXTENSION' }],
        });
        const path = entryPath(ORG, oddKey);
        const expected = {
            organizationId: ORG,
            key: oddKey,
            value: original,
            valueType: 'STRING',
            vaultVisibilityType: 'PUBLIC',
            public: true,
            attributeReferences: [],
            scopes: [{ id: `${ORG}-abcdefghijklmnopqrstuvwxyz`, resourceType: 'EXTENSION' }],
        };

        const got = await raw('GET', path);
        assert.equal(got.status, 200, got.text);
        assert.match(got.headers.get('content-type') ?? '', /^application\/json\b/);
        assertCommonHeaders(got.headers);
        assert.deepEqual(withLists(got.json()), expected);

        const rotated = secret('odd-rotated');
        const put = await raw('PUT', path, { json: { value: rotated } });
        assert.equal(put.status, 200, put.text);
        assertCommonHeaders(put.headers);
        assert.deepEqual(withLists(put.json()), { ...expected, value: rotated });

        const again = await raw('GET', path);
        assert.deepEqual(withLists(again.json()), { ...expected, value: rotated });

        const deleted = await raw('DELETE', path);
        assert.equal(deleted.status, 204);
        assert.equal(deleted.text, '');
        assertCommonHeaders(deleted.headers);

        const gone = assertRawError(await raw('GET', path), 404, 'VAULT_ENTRY_NOT_FOUND');
        assert.deepEqual(Object.keys(gone).sort(), ['errorCode', 'message', 'requestID']);
    });

    test('the client request core: GET, PUT, DELETE (204 read as {}), unknown key 404', async () => {
        const api = apiFor(ORG);
        const key = 'core-entry:1';
        await clientFor(ORG).vault.create({ key, value: secret('core'), vaultVisibilityType: 'OBFUSCATED' });

        const got = await api.get(entryRoute(key));
        assert.equal(got.key, key);
        assert.equal(got.vaultVisibilityType, 'OBFUSCATED');
        assert.ok(!('value' in got), 'an OBFUSCATED value was returned');

        const put = await api.put(entryRoute(key), { value: secret('core-rotated') });
        assert.equal(put.key, key);
        assert.ok(!('value' in put), 'an OBFUSCATED value was echoed');

        assert.deepEqual(await api.delete(entryRoute(key)), {});

        await rejectsWith(api.get(entryRoute(key)), 404, 'VAULT_ENTRY_NOT_FOUND');
        await rejectsWith(api.put(entryRoute(key), { value: secret('upsert') }), 404, 'VAULT_ENTRY_NOT_FOUND');
        await rejectsWith(api.delete(entryRoute(key)), 404, 'VAULT_ENTRY_NOT_FOUND');
    });

    test('an unknown route is a JSON 404, a wrong method a JSON 405 with Allow', async () => {
        const api = apiFor(ORG);
        await rejectsWith(api.get('/rest/organizations/{organizationName}/nosuchthing'), 404, 'NOT_FOUND');
        await rejectsWith(api.patch('/rest/organizations/{organizationName}/vaultentries'), 405, 'METHOD_NOT_ALLOWED');

        const response = await raw('PATCH', `/rest/organizations/${ORG}/vaultentries`, { json: {} });
        assertRawError(response, 405, 'METHOD_NOT_ALLOWED');
        assert.match(response.headers.get('allow') ?? '', /\bGET\b/);
        assert.match(response.headers.get('allow') ?? '', /\bPOST\b/);
    });
});

describe('snapshots referenced by the vault routes', () => {
    test('vault.findMissing of an unknown snapshot is 404 SNAPSHOT_NOT_FOUND', async () => {
        await rejectsWith(clientFor(ORG).vault.findMissing(UNKNOWN_SNAPSHOT), 404, 'SNAPSHOT_NOT_FOUND');
    });

    test('vault.import of an unknown snapshot is 404 SNAPSHOT_NOT_FOUND for every strategy', async () => {
        await clientFor(ORIGIN).vault.create({ key: 'origin-only', value: secret('origin') });
        for (const strategy of Object.values(VaultFetchStrategy)) {
            await rejectsWith(clientFor(ORG).vault.import(UNKNOWN_SNAPSHOT, ORIGIN, strategy), 404, 'SNAPSHOT_NOT_FOUND');
        }
    });

    test('missing without snapshotId is 400 INVALID_PARAMETER; fetch from the same organization is 400', async () => {
        assertRawError(await raw('GET', `/rest/organizations/${ORG}/vaultentries/missing`), 400, 'INVALID_PARAMETER');
        await rejectsWith(
            clientFor(ORG).vault.import(UNKNOWN_SNAPSHOT, ORG, VaultFetchStrategy.allOrNothing),
            400,
            'INVALID_PARAMETER',
        );
    });
});

describe('secret hygiene', () => {
    test('the server output holds no token, value or key, and nothing was written to HOME', async () => {
        const output = server.output();
        assert.ok(!output.includes(server.adminToken), 'the admin token was printed');
        assert.ok(!output.includes(server.tokens.viewer), 'the viewer token was printed');
        for (const value of sentValues) {
            assert.ok(!output.includes(value), 'a value sent to the server was printed');
        }
        assert.ok(!output.includes('sentinel-'), 'a key was printed');
        assert.ok(!output.includes(encodeURIComponent('sentinel-\u00e9')), 'an encoded key was printed');
        assert.deepEqual(await readdir(join(server.root, 'home')), []);
    });
});
