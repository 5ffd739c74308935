// Issue 25 end to end: the console served by the real jar, driven in headless Chromium. Every test asserts that the
// browser reported no CSP violation, no page error and no JavaScript dialog.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, openPage, screenshot } from './browser.mjs';
import { STORY, apiOf, signIn, snapshotOf, startServer, upload } from './helpers.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let server;
let browser;
let api;
const opened = [];

before(async () => {
    server = await startServer();
    api = apiOf(server);
    browser = await launch();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

async function page(options) {
    const opening = await openPage(browser, options);
    opened.push(opening);
    return opening;
}

function assertClean(problems) {
    assert.deepEqual(problems, { csp: [], errors: [], dialogs: [] });
}

describe('the console', { timeout: 120_000 }, () => {
    test("plays Coveo's story: missing entry, created with the look-alike key, warning, rename, check passes",
        async () => {
            // given a snapshot holding the iynO7X source
            const id = await upload(api, 'story', snapshotOf(STORY.source), 'from the origin organization');
            const { page: tab, problems } = await page();
            await signIn(tab, server, server.adminToken, 'story');

            // when the prerequisites are checked
            await tab.getByRole('button', { name: 'Snapshots' }).click();
            const row = tab.getByRole('row', { name: new RegExp(id) });
            await assert.doesNotReject(row.getByText('from the origin organization').waitFor());
            await row.getByRole('button', { name: 'Check prerequisites' }).click();
            const check = tab.locator('#check');
            await check.getByText('1 of 1 referenced vault entry is missing.').waitFor();
            const reference = check.getByRole('row', { name: new RegExp(STORY.key.replaceAll('.', '\\.')) });
            assert.equal(await reference.getByText('Missing').count(), 1);
            assert.equal(await reference.getByText(STORY.source, { exact: true }).count(), 1);
            assert.equal(await reference.getByText(STORY.jsonPath, { exact: true }).count(), 1);
            await screenshot(tab, 'check-before');

            // then Create entry opens the form with the key and its attribute reference
            await reference.getByRole('button', { name: 'Create entry' }).click();
            assert.equal(await tab.getByLabel('Key', { exact: true }).inputValue(), STORY.key);
            assert.equal(await tab.getByLabel('Resource name').inputValue(), STORY.source);
            assert.equal(await tab.getByLabel('JSON path').inputValue(), STORY.jsonPath);
            assert.equal(await tab.getByLabel('Resource type').inputValue(), 'SOURCE');

            // when the user types the article's look-alike key
            await tab.getByLabel('Key', { exact: true }).fill(STORY.typed);
            await tab.getByLabel('Value', { exact: true }).fill('s3cr3t-story');
            await tab.getByLabel('Visibility').selectOption('OBFUSCATED');
            await tab.getByRole('button', { name: 'Create', exact: true }).click();

            // then the warning names the expected key, and one click renames the entry to it
            const notice = tab.getByRole('status').filter({ hasText: 'Warning' });
            await notice.getByText(`Created ${STORY.typed} in story.`).waitFor();
            assert.equal(await notice.getByText(STORY.key, { exact: true }).count(), 1);
            await screenshot(tab, 'warning');
            await notice.getByRole('button', { name: 'Rename' }).click();
            await tab.getByText(`Renamed ${STORY.typed} to ${STORY.key}.`).waitFor();
            assert.equal((await api('GET', `/rest/organizations/story/vaultentries/${STORY.key}`)).status, 200);

            // and back on the check, the prerequisites are satisfied
            await tab.getByRole('button', { name: 'Back to the check' }).click();
            await check.getByText('The one referenced vault entry exists: the prerequisites are satisfied.').waitFor();
            assert.equal(await check.getByText('Found', { exact: true }).count(), 1);
            await screenshot(tab, 'check-after');
            assert.equal((await api('GET', `/rest/organizations/story/vaultentries/missing?snapshotId=${id}`))
                .body.missingVaultEntries.length, 0);
            assertClean(problems);
        });

    test('lists the look-alike keys of a missing key', async () => {
        const id = await upload(api, 'alike', snapshotOf(STORY.source));
        await api('POST', '/rest/organizations/alike/vaultentries', { key: STORY.typed, value: 'x1' });
        const { page: tab, problems } = await page();
        await signIn(tab, server, server.adminToken, 'alike');
        await tab.getByRole('button', { name: 'Snapshots' }).click();
        await tab.getByRole('button', { name: 'Check prerequisites' }).click();
        const reference = tab.locator('#check').getByRole('row', { name: /Missing/ });
        await reference.getByText(STORY.typed, { exact: true }).waitFor();
        assertClean(problems);
    });

    test('shows a violation beside its field and keeps what was typed', async () => {
        const { page: tab, problems } = await page();
        await signIn(tab, server, server.adminToken, 'violations');
        await tab.getByRole('button', { name: 'New entry' }).click();
        await tab.getByLabel('Key', { exact: true }).fill('db.port');
        await tab.getByLabel('Value', { exact: true }).fill('eighty');
        await tab.getByLabel('Value type').selectOption('INTEGER');
        await tab.getByRole('button', { name: 'Create', exact: true }).click();

        const value = tab.getByLabel('Value', { exact: true });
        await tab.getByText('The entry was not saved').waitFor();
        assert.equal(await value.getAttribute('aria-invalid'), 'true');
        const describedBy = (await value.getAttribute('aria-describedby')).split(' ');
        const errorText = await tab.locator(`[id="${describedBy.at(-1)}"]`).innerText();
        assert.match(errorText, /INTEGER/);
        assert.equal(await tab.getByLabel('Key', { exact: true }).getAttribute('aria-invalid'), null);
        assert.equal(await value.inputValue(), 'eighty');
        assert.equal((await api('GET', '/rest/organizations/violations/vaultentries')).body?.totalEntries ?? 0, 0);
        await screenshot(tab, 'violation');
        assertClean(problems);
    });

    test('creates an entry with the keyboard alone, with a visible focus', async () => {
        await api('POST', '/rest/organizations/keyboard/vaultentries', { key: 'existing', value: 'x' });
        const { page: tab, problems } = await page();
        await tab.goto(`${server.baseUrl}/console`);
        await tab.getByLabel('Token').waitFor();
        await tab.keyboard.type(server.adminToken);
        await tab.keyboard.press('Enter');
        await tab.getByRole('button', { name: 'Sign out' }).waitFor();
        await tabTo(tab, 'Organization');
        await tab.keyboard.press('ControlOrMeta+a');
        await tab.keyboard.type('keyboard');
        await tab.keyboard.press('Enter');
        await tab.getByText('page 1 of 1').waitFor();
        await tabTo(tab, 'New entry');
        const outline = await tab.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
        assert.notEqual(outline, 'none', 'the focused button shows its focus');
        await tab.keyboard.press('Enter');
        await tab.getByLabel('Key', { exact: true }).waitFor();
        await tab.keyboard.type('typed.by.keyboard');
        await tabTo(tab, 'Value');
        await tab.keyboard.type('42');
        await tabTo(tab, 'Value type');
        await tab.keyboard.press('i');
        await tabTo(tab, 'Create');
        await tab.keyboard.press('Enter');
        await tab.getByText('Created typed.by.keyboard in keyboard.').waitFor();
        const created = await api('GET', '/rest/organizations/keyboard/vaultentries/typed.by.keyboard');
        assert.equal(created.body.valueType, 'INTEGER');
        assertClean(problems);
    });

    test('renders a value and a resource name holding markup as text, with no dialog', async () => {
        await api('POST', '/rest/organizations/xss/vaultentries', {
            key: 'xss.public', value: XSS, vaultVisibilityType: 'PUBLIC',
            attributeReferences: [{ resourceType: 'SOURCE', resourceName: XSS, jsonPath: 'a.b' }],
        });
        const id = await upload(api, 'xss', { resources: { SOURCE: [{ resourceName: XSS, model: {
            secret: '{{ VAULT.xss.missing }}' } }] } }, XSS);
        const { page: tab, problems } = await page();
        await signIn(tab, server, server.adminToken, 'xss');
        await tab.getByRole('button', { name: 'Show' }).click();
        await tab.getByText(XSS, { exact: true }).first().waitFor();
        assert.equal(await tab.locator('img').count(), 0);
        await tab.getByRole('button', { name: 'Snapshots' }).click();
        await tab.getByRole('row', { name: new RegExp(id) }).getByRole('button', { name: 'Check prerequisites' }).click();
        await tab.locator('#check').getByText(XSS, { exact: true }).waitFor();
        assert.equal(await tab.locator('img').count(), 0);
        await tab.waitForTimeout(200);
        assertClean(problems);
    });

    test('sends the user back to sign in on a 401', async () => {
        const created = await api('POST', '/_offline-vault/tokens', { name: 'short-lived', allOrganizations: true,
            privileges: ['VAULT_ENTRY:VIEW', 'SNAPSHOTS:VIEW'] });
        assert.equal(created.status, 201, created.text);
        await api('POST', '/rest/organizations/revoked/vaultentries', { key: 'k', value: 'v' });
        const { page: tab, problems } = await page();
        await signIn(tab, server, created.body.value, 'revoked');
        assert.equal((await api('DELETE', '/_offline-vault/tokens/short-lived')).status, 204);
        await tab.getByRole('button', { name: 'Snapshots' }).click();
        await tab.getByRole('button', { name: 'Sign in' }).waitFor();
        await tab.getByText('The server refused the token (401). Sign in again.').waitFor();
        assert.equal(await tab.evaluate(() => sessionStorage.length), 0);
        assertClean(problems);
    });

    test('signs out: the token leaves sessionStorage and never reaches localStorage or the URL', async () => {
        const { page: tab, problems } = await page();
        await signIn(tab, server, server.adminToken, 'story');
        assert.equal(await tab.evaluate(() => sessionStorage.getItem('offline-vault.token')), server.adminToken);
        assert.equal(await tab.evaluate(() => localStorage.length), 0);
        assert.ok(!tab.url().includes(server.adminToken));
        await tab.getByRole('button', { name: 'Sign out' }).click();
        await tab.getByRole('button', { name: 'Sign in' }).waitFor();
        assert.equal(await tab.evaluate(() => sessionStorage.getItem('offline-vault.token')), null);
        assertClean(problems);
    });
});

// Presses Tab until the focused element is named `name` (its label or text), at most 40 times.
async function tabTo(tab, name) {
    for (let i = 0; i < 40; i += 1) {
        await tab.keyboard.press('Tab');
        const focused = await tab.evaluate(() => {
            const element = document.activeElement;
            const label = element?.labels?.[0]?.textContent ?? '';
            return [label.trim(), element?.textContent?.trim() ?? ''];
        });
        if (focused.includes(name)) {
            return;
        }
    }
    assert.fail(`Tab never reached ${name}`);
}
