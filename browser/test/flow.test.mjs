// Issue 26 end to end: upload, import vault entries (dry run first), dry run and apply, tokens, and the command
// behind each view, run as shown in a shell against the same server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launch, openPage, screenshot } from './browser.mjs';
import { STORY, apiOf, signIn, snapshotOf, startServer, upload } from './helpers.mjs';

const run = promisify(execFile);
let server;
let browser;
let api;

before(async () => {
    server = await startServer();
    api = apiOf(server);
    browser = await launch();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

function assertClean(problems) {
    assert.deepEqual(problems, { csp: [], errors: [], dialogs: [] });
}

async function openCheck(tab) {
    await tab.getByRole('button', { name: 'Snapshots' }).click();
    await tab.getByRole('button', { name: 'Check prerequisites' }).first().click();
    await tab.locator('#check .verdict').waitFor();
}

async function importFrom(tab, origin, strategy) {
    await tab.getByLabel('Origin organization').fill(origin);
    await tab.getByLabel('Strategy').selectOption(strategy);
    await tab.getByRole('button', { name: 'Import vault entries' }).click();
}

describe('the console, part 2', { timeout: 180_000 }, () => {
    test("plays the article's whole flow from a clean organization", async () => {
        const { page: tab, problems } = await openPage(browser);
        await signIn(tab, server, server.adminToken, 'clean');

        // upload
        await tab.getByRole('button', { name: 'Snapshots' }).click();
        await tab.getByLabel('Snapshot file').setInputFiles({ name: 'snapshot.json', mimeType: 'application/json',
            buffer: Buffer.from(JSON.stringify(snapshotOf(STORY.source))) });
        await tab.getByLabel('Developer note').fill('from the origin organization');
        await tab.getByRole('button', { name: 'Upload snapshot' }).click();
        await tab.getByText(/^Uploaded snapshot\.json as clean-/).waitFor();
        const check = tab.locator('#check');
        await check.getByText('1 of 1 referenced vault entry is missing.').waitFor();
        await screenshot(tab, 'flow-1-uploaded');

        // an origin that lacks the key says so, with either strategy
        await importFrom(tab, 'empty-origin', 'ALL_OR_NOTHING');
        await check.getByText(/Nothing can be imported with ALL_OR_NOTHING: the origin organization empty-origin lacks this key/)
            .waitFor();
        await importFrom(tab, 'empty-origin', 'ONLY_MISSING');
        await check.getByText('The origin organization empty-origin holds none of the keys to import: nothing would be'
            + ' copied.').waitFor();
        assert.equal(await check.getByRole('button', { name: /^Import \d/ }).count(), 0);
        await screenshot(tab, 'flow-2-origin-lacks-the-key');

        // create with the look-alike key, warning, rename, the check passes
        await check.getByRole('button', { name: 'Create entry' }).click();
        await tab.getByLabel('Key', { exact: true }).fill(STORY.typed);
        await tab.getByLabel('Value', { exact: true }).fill('s3cr3t-flow');
        await tab.getByRole('button', { name: 'Create', exact: true }).click();
        const notice = tab.getByRole('status').filter({ hasText: 'Warning' });
        await notice.getByRole('button', { name: 'Rename' }).click();
        await tab.getByText(`Renamed ${STORY.typed} to ${STORY.key}.`).waitFor();
        await tab.getByRole('button', { name: 'Back to the check' }).click();
        await check.getByText('The one referenced vault entry exists: the prerequisites are satisfied.').waitFor();
        await screenshot(tab, 'flow-3-check-passes');

        // dry run, apply, and a second apply with everything unchanged
        await check.getByRole('button', { name: 'Dry run' }).click();
        await check.getByText('Dry run: SUCCESS, 1 resource processed.').waitFor();
        const counts = check.locator('table.report-counts').getByRole('row', { name: /SOURCE/ });
        assert.deepEqual(await counts.locator('td').allInnerTexts(), ['1', '0', '0', '0', '0', '0']);
        await check.getByRole('button', { name: 'Apply', exact: true }).click();
        await check.getByText('Apply: SUCCESS, 1 resource processed.').waitFor();
        await check.getByRole('button', { name: 'Apply', exact: true }).click();
        await check.getByText('Apply: no changes, the one resource is unchanged.').waitFor();
        await screenshot(tab, 'flow-4-applied-twice');
        assertClean(problems);
    });

    test('a dry run in error lists the missing key with its look-alikes and a Create entry shortcut', async () => {
        await upload(api, 'report', snapshotOf(STORY.source));
        await api('POST', '/rest/organizations/report/vaultentries', { key: STORY.typed, value: 'x1' });
        const { page: tab, problems } = await openPage(browser);
        await signIn(tab, server, server.adminToken, 'report');
        await openCheck(tab);
        await tab.getByRole('button', { name: 'Dry run' }).click();
        const errors = tab.locator('table.report-errors');
        await errors.getByText('INVALID_PLACEHOLDER').waitFor();
        await errors.getByText(STORY.typed, { exact: true }).waitFor();
        await errors.getByRole('button', { name: 'Create entry' }).click();
        assert.equal(await tab.getByLabel('Key', { exact: true }).inputValue(), STORY.key);
        assert.equal(await tab.getByLabel('JSON path').inputValue(), STORY.jsonPath);
        assertClean(problems);
    });

    test('imports the entries an origin organization has, then the check passes', async () => {
        await api('POST', '/rest/organizations/origin/vaultentries', { key: STORY.key, value: 'from-origin' });
        await upload(api, 'destination', snapshotOf(STORY.source));
        const { page: tab, problems } = await openPage(browser);
        await signIn(tab, server, server.adminToken, 'destination');
        await openCheck(tab);
        await importFrom(tab, 'origin', 'ALL_OR_NOTHING');
        await tab.getByText(`Would copy 1: ${STORY.key}.`).waitFor();
        await tab.getByRole('button', { name: 'Import 1 entry' }).click();
        await tab.getByText('Imported 1 entry from origin.').waitFor();
        await tab.locator('#check').getByText('The one referenced vault entry exists: the prerequisites are satisfied.')
            .waitFor();
        assert.equal((await api('GET', `/rest/organizations/destination/vaultentries/${STORY.key}`)).status, 200);
        assertClean(problems);
    });

    test('a token created in the console works over HTTP until it is revoked; the last admin token stays', async () => {
        await api('POST', '/rest/organizations/tok/vaultentries', { key: 'k', value: 'v' });
        const { page: tab, problems } = await openPage(browser);
        await signIn(tab, server, server.adminToken, 'tok');
        await tab.getByRole('button', { name: 'Tokens' }).click();
        await tab.getByLabel('Name', { exact: true }).fill('console-made');
        await tab.getByLabel('VAULT_ENTRY:VIEW').check();
        await tab.getByLabel('Organizations', { exact: true }).fill('tok');
        await tab.getByRole('button', { name: 'Create token' }).click();
        const value = await tab.locator('#token-value').innerText();
        assert.match(value, /^ovt_/);
        const made = apiOf(server, value);
        assert.equal((await made('GET', '/rest/organizations/tok/vaultentries')).status, 200);
        assert.equal((await made('GET', '/rest/organizations/other/vaultentries')).status, 403);
        await screenshot(tab, 'tokens');

        await tab.getByRole('row', { name: /console-made/ }).getByRole('button', { name: 'Revoke' }).click();
        await tab.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
        await tab.getByText('Revoked console-made.').waitFor();
        assert.equal(await tab.locator('#token-value').count(), 0, 'the value is shown once only');
        assert.equal((await made('GET', '/rest/organizations/tok/vaultentries')).status, 401);

        await tab.getByRole('row', { name: /admin/ }).getByRole('button', { name: 'Revoke' }).click();
        await tab.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
        await tab.getByText(/LAST_ADMIN_TOKEN/).waitFor();
        assert.equal((await api('GET', '/_offline-vault/tokens')).status, 200);

        const viewer = await openPage(browser);
        await signIn(viewer.page, server, value.length > 0 ? (await api('POST', '/_offline-vault/tokens', {
            name: 'viewer', organizations: ['tok'], privileges: ['VAULT_ENTRY:VIEW'] })).body.value : '', 'tok');
        assert.equal(await viewer.page.getByRole('button', { name: 'Tokens' }).count(), 0);
        assertClean(problems);
        assertClean(viewer.problems);
    });

    test('the command behind each view holds no token and no value, and runs as shown', async () => {
        const value = 'never-in-a-command-7f3a';
        const id = await upload(api, 'shell', snapshotOf(STORY.source));
        await api('POST', '/rest/organizations/shell-origin/vaultentries', { key: STORY.key, value });
        const { page: tab, problems } = await openPage(browser);
        await signIn(tab, server, server.adminToken, 'shell');
        const lines = new Set();
        const collect = async () => {
            for (const text of await tab.locator('details.commands code').allTextContents()) {
                lines.add(text);
            }
        };
        await collect();
        await tab.getByRole('button', { name: 'New entry' }).click();
        await tab.getByLabel('Key', { exact: true }).fill('typed');
        await tab.getByLabel('Value', { exact: true }).fill(value);
        await tab.getByLabel('Visibility').selectOption('PUBLIC');
        await collect();
        await tab.getByRole('button', { name: 'Cancel' }).click();
        await openCheck(tab);
        await importFrom(tab, 'shell-origin', 'ONLY_MISSING');
        await tab.getByText(`Would copy 1: ${STORY.key}.`).waitFor();
        await tab.getByRole('button', { name: 'Dry run' }).click();
        await tab.locator('table.report-counts').waitFor();
        await collect();
        await tab.getByRole('button', { name: 'Tokens' }).click();
        await tab.getByLabel('Name', { exact: true }).fill('from-shell');
        await collect();

        const all = [...lines];
        assert.ok(all.some((line) => line.startsWith('offline-vault entry create') && line.includes('--value-file')));
        // The messages name the line's start only: a failing line would hold the secret it must not print.
        for (const line of all) {
            assert.ok(!line.includes(server.adminToken), `a command holds the token: ${line.slice(0, 30)}`);
            assert.ok(!line.includes(value), `a command holds the value: ${line.slice(0, 30)}`);
        }
        // run the curl lines of the list, the check and the import's dry run, pasted into bash
        const shell = await mkdtemp(join(tmpdir(), 'console-shell-'));
        try {
            const paste = async (line) => JSON.parse((await run('bash', ['-c', line], { cwd: shell, timeout: 20_000,
                env: { ...process.env, OFFLINE_VAULT_TOKEN: server.adminToken } })).stdout);
            const list = all.find((line) => line.startsWith('curl') && line.includes('/shell/vaultentries?page='));
            assert.equal((await paste(list)).totalEntries, 0);
            const checked = await paste(all.find((line) => line.includes(`/snapshots/${id}/content`)));
            assert.deepEqual(checked.missing, [STORY.key]);
            const importing = all.find((line) => line.includes('/vaultentries/fetch?'));
            assert.ok(!importing.includes('dryRun'), 'the import line does the import');
            await run('bash', ['-c', importing], { cwd: shell, timeout: 20_000,
                env: { ...process.env, OFFLINE_VAULT_TOKEN: server.adminToken } });
            assert.equal((await api('GET', `/rest/organizations/shell/vaultentries/${STORY.key}`)).status, 200);
        } finally {
            await rm(shell, { recursive: true, force: true });
        }
        assertClean(problems);
    });
});
