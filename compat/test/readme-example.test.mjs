// The Node example of the README's "Use it in tests" section, run as printed there (ReadmeExamplesTest in
// vault-app checks that the README shows exactly the lines between the markers).
// README:begin
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PlatformClient } from '@coveo/platform-client';

// Test-only tokens (32 to 512 printable characters): the admin's goes to the server through the environment.
const ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghij';
const READER_TOKEN = 'test-reader-token-0123456789abcdefghij';
const JAR = process.env.OFFLINE_VAULT_JAR ?? '../vault-app/target/offline-vault.jar';

let dir;
let server;
let host;
const platform = (accessToken) => new PlatformClient({ host, organizationId: 'acme', accessToken });

before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'offline-vault-'));
    const seed = join(dir, 'seed.json');
    await writeFile(seed, JSON.stringify({
        organizations: [{ id: 'acme', entries: [{ key: 'db.password', value: 's3cr3t', vaultVisibilityType: 'STRICT' }] }],
        tokens: [{ name: 'reader', organizations: ['acme'], privileges: ['VAULT_ENTRY:VIEW'], value: READER_TOKEN }],
    }));
    const portFile = join(dir, 'vault.port');
    server = spawn('java', ['-jar', JAR, 'serve', '--ephemeral', '--port', '0', '--port-file', portFile, '--seed', seed], {
        env: { ...process.env, OFFLINE_VAULT_ADMIN_TOKEN: ADMIN_TOKEN },
        stdio: 'ignore',
    });
    // The port file appears once the server answers, with the seed loaded.
    for (let tries = 0; !existsSync(portFile); tries++) {
        assert.ok(server.exitCode === null && tries < 600, 'offline-vault did not start');
        await sleep(50);
    }
    host = `http://127.0.0.1:${(await readFile(portFile, 'utf8')).trim()}`;
});

after(async () => {
    if (server.exitCode === null && server.signalCode === null) {
        server.kill();
        await once(server, 'exit');
    }
    await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
    const reset = await fetch(`${host}/_offline-vault/reset`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(reset.status, 204);
});

test('the reader token lists the seeded entry', async () => {
    const page = await platform(READER_TOKEN).vault.list();
    assert.deepEqual(page.items.map((entry) => entry.key), ['db.password']);
});

for (const run of [1, 2]) {
    test(`every test starts from the seed (run ${run})`, async () => {
        await platform(ADMIN_TOKEN).vault.create({ key: 'api.key', value: 'k3y', vaultVisibilityType: 'STRICT' });
        assert.equal((await platform(ADMIN_TOKEN).vault.list()).totalEntries, 2);
    });
}
// README:end
