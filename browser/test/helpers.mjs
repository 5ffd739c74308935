// What the console tests share: the server (compat's starter, the real jar), raw API calls, signing in.
import assert from 'node:assert/strict';
import { startServer } from '../../compat/test/server.mjs';

export { startServer };

/** The Coveo article's source, with the key its snapshot looks for and the look-alike key people type. */
export const STORY = {
    source: 'mysource_iynO7X',
    key: 'mysource_iynO7X-configuration.parameters.ClientSecret.value',
    typed: 'mysource_iyn07x-configuration.parameters.ClientSecret.value',
    jsonPath: 'configuration.parameters.ClientSecret.value',
};

/** {@return a snapshot document whose SOURCE resources each hold one ClientSecret placeholder} */
export function snapshotOf(...sources) {
    return {
        metadata: { schemaVersion: 'v1' },
        resources: {
            SOURCE: sources.map((name) => ({
                resourceName: name,
                parents: {},
                model: { name, configuration: { parameters: { ClientSecret: {
                    sensitive: true, value: `{{ VAULT.${name}-configuration.parameters.ClientSecret.value }}` } } } },
            })),
        },
    };
}

/** {@return a caller of the server's API with `token` (the admin's by default): call(method, path, body?)} */
export function apiOf(server, token = server.adminToken) {
    return async (method, path, body, contentType = 'application/json') => {
        const response = await fetch(server.baseUrl + path, {
            method,
            headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
            body: body === undefined ? undefined : (contentType === 'application/json' ? JSON.stringify(body) : body),
            signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        return { status: response.status, headers: response.headers, body: text === '' ? null : safeJson(text), text };
    };
}

function safeJson(text) {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** Uploads `content` as a snapshot of `organization`; {@return its id} */
export async function upload(api, organization, content, note = '') {
    const answer = await api('POST', `/rest/organizations/${organization}/snapshots/file?developerNotes=`
        + encodeURIComponent(note), content);
    assert.equal(answer.status, 201, answer.text);
    return answer.body.id;
}

/** Opens the console, signs in with `token` and switches to `organization`. */
export async function signIn(page, server, token, organization) {
    await page.goto(`${server.baseUrl}/console`);
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    if (organization) {
        await page.getByLabel('Organization', { exact: true }).fill(organization);
        await page.getByLabel('Organization', { exact: true }).press('Enter');
        await page.getByRole('heading', { name: 'Vault entries' }).waitFor();
        await page.locator('.results .status').waitFor();
    }
}
