import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './modules.mjs';

const { commandsFor, shellQuote } = await load('commands.js');
const ORIGIN = 'http://127.0.0.1:8787';
const VIEWS = ['entries', 'create', 'rename', 'snapshots', 'upload', 'check', 'import', 'dryrun', 'apply', 'tokens',
    'create-token', 'revoke'];
const EVERYTHING = { organization: 'acme', key: "it's a key", newKey: 'b', snapshotId: 'acme-x', from: 'origin',
    strategy: 'ONLY_MISSING', name: 'ci', privileges: ['VAULT_ENTRY:VIEW'], organizations: ['acme'], note: 'a note',
    fileType: 'JSON', value: 'hunter2', attributeReferences: [{ resourceType: 'SOURCE', resourceName: 's', jsonPath: 'a' }] };

test('shell words are quoted only when they need it, single quotes escaped', () => {
    assert.equal(shellQuote('acme-prod_1'), 'acme-prod_1');
    assert.equal(shellQuote('a b'), "'a b'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote('$HOME'), "'$HOME'");
});

test('every view has a curl line with the token as $OFFLINE_VAULT_TOKEN and never a value', () => {
    for (const view of VIEWS) {
        const commands = commandsFor(view, EVERYTHING, ORIGIN);
        const curl = commands.find((command) => command.tool === 'curl');
        assert.ok(curl, view);
        assert.ok(curl.line.includes('-H "Authorization: Bearer $OFFLINE_VAULT_TOKEN"'), view);
        for (const command of commands) {
            assert.ok(!command.line.includes('hunter2'), `${view}: ${command.line}`);
        }
    }
    assert.deepEqual(commandsFor('nothing', EVERYTHING, ORIGIN), []);
});

test('every offline-vault line runs against this server, its token from $OFFLINE_VAULT_TOKEN', () => {
    for (const view of VIEWS) {
        const cli = commandsFor(view, EVERYTHING, ORIGIN).find((command) => command.tool === 'offline-vault');
        assert.ok(cli, view);
        assert.ok(cli.line.endsWith(' --server http://127.0.0.1:8787'), `${view}: ${cli.line}`);
        assert.ok(!cli.line.includes('--token'), `${view}: ${cli.line}`);
    }
});

test('a key goes percent-encoded into the URL and quoted on the command line', () => {
    const [curl, cli] = commandsFor('rename', EVERYTHING, ORIGIN);
    assert.ok(curl.line.includes("'http://127.0.0.1:8787/rest/organizations/acme/vaultentries/it'\\''s%20a%20key/rename'"));
    assert.equal(cli.line, "offline-vault entry rename --org acme --key 'it'\\''s a key' --to b --server http://127.0.0.1:8787");
});

test('an entry is created from a value file; an import is a fetch with its strategy', () => {
    assert.equal(commandsFor('create', EVERYTHING, ORIGIN)[1].line, "offline-vault entry create --org acme --key"
        + " 'it'\\''s a key' --value-file value.txt --type STRING --visibility STRICT --reference SOURCE:s:a --server http://127.0.0.1:8787");
    const [curl, cli] = commandsFor('import', { ...EVERYTHING, dryRun: true }, ORIGIN);
    assert.ok(curl.line.includes('fetch?referenceSnapshotId=acme-x&sourceOrganizationId=origin'
        + '&fetchStrategy=ONLY_MISSING&dryRun=true'));
    assert.equal(cli.line, 'offline-vault fetch --from origin --to acme --snapshot acme-x --strategy ONLY_MISSING --dry-run'
        + ' --server http://127.0.0.1:8787');
    assert.equal(commandsFor('dryrun', EVERYTHING, ORIGIN)[1].line, 'offline-vault snapshot apply --snapshot acme-x --org acme --dry-run'
        + ' --server http://127.0.0.1:8787');
});
