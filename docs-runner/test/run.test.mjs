import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandsOf, difference, runnableBlocks } from '../run.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RUNNER = join(HERE, '..', 'run.mjs');

// Runs the runner as CI does, on FILES, with a stand-in jar (these docs never start java); bounded in time.
function runDocs(files, timeoutSeconds = 20) {
    const dir = mkdtempSync(join(tmpdir(), 'docs-runner-test-'));
    try {
        const jar = join(dir, 'offline-vault.jar');
        writeFileSync(jar, '');
        return spawnSync(process.execPath, [RUNNER, '--jar', jar, '--timeout', String(timeoutSeconds), ...files],
            { encoding: 'utf8', timeout: 60_000 });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

test('a doc whose output drifted fails, naming the file, the line and the difference', { timeout: 90_000 }, () => {
    const run = runDocs([join(HERE, 'broken.md')]);

    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /broken\.md:7: echo "\$GREETING, world"/);
    assert.match(run.stderr, /the doc shows\n {4}hello, word\n {2}but output line 1 is\n {4}hello, world/);
    assert.match(run.stdout, /docs: 0 passed, 1 failed/);
});

test('a doc that runs as printed passes, with its no-run block skipped', { timeout: 90_000 }, () => {
    const run = runDocs([join(HERE, 'as-printed.md')]);

    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /as-printed\.md: 2 blocks run, 1 skipped, 11 commands, as printed/);
    assert.match(run.stdout, /as-printed\.md:16: skipped \(no-run\)/);
});

test('a wrong exit status fails even when the output matches', { timeout: 90_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-runner-test-'));
    try {
        const doc = join(dir, 'status.md');
        writeFileSync(doc, '```text\n$ echo hi; exit 2\nhi\n```\n');
        const run = runDocs([doc]);

        assert.equal(run.status, 1);
        assert.match(run.stderr, /status\.md:2: echo hi; exit 2\n {2}it exited 2, not 0/);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('a command that outlives its time is killed, and a background process ends with its file', { timeout: 90_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-runner-test-'));
    try {
        const marker = join(dir, 'still-running');
        const doc = join(dir, 'slow.md');
        // the background loop writes the marker every 0.1 s while it lives
        writeFileSync(doc, `\`\`\`sh\n(while true; do touch '${marker}'; sleep 0.1; done) &\nsleep 30\n\`\`\`\n`);
        const started = Date.now();
        const run = runDocs([doc], 2);

        assert.equal(run.status, 1);
        assert.match(run.stderr, /slow\.md:3: sleep 30\n {2}it did not end within 2 s and was killed/);
        assert.ok(Date.now() - started < 25_000, 'the runner waited for the command');
        rmSync(marker, { force: true });
        spawnSync('sleep', ['0.5']);
        assert.equal(spawnSync('test', ['-e', marker]).status, 1, 'the background process outlived the file');
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('blocks: sh and console run, text only with a prompt, no-run is skipped, other languages are prose', () => {
    const blocks = runnableBlocks([
        '```sh', 'a', '```',
        '```text', 'plain output', '```',
        '```', '$ b', '```',
        '<!-- no-run: the network -->', '', '```console', '$ c', '```',
        '```java', 'd();', '```',
    ].join('\n'));

    assert.deepEqual(blocks.map(({ line, kind, skipped }) => ({ line, kind, skipped })), [
        { line: 1, kind: 'sh', skipped: false },
        { line: 7, kind: 'console', skipped: false },
        { line: 12, kind: 'console', skipped: true },
    ]);
});

test('commands: continuation lines join, "# " lines right after a command are its output', () => {
    const [block] = runnableBlocks(['```sh', '# prose', "echo 'a", "b'", '# a', '# b', '', 'true', '# prose', '```'].join('\n'));
    const commands = commandsOf(block, 'x.md');

    // a comment after a command with no blank line between is output: docs put prose before their command
    assert.deepEqual(commands, [
        { line: 3, text: "echo 'a\nb'", expected: ['a', 'b'] },
        { line: 8, text: 'true', expected: ['prose'] },
    ]);
});

test('difference: "..." alone matches any lines, inside a line any text', () => {
    assert.equal(difference(['a', '...', 'z'], ['a', 'b', 'c', 'z']), null);
    assert.equal(difference(['a', '...'], ['a']), null);
    assert.equal(difference(['id acme-...'], ['id acme-x2y']), null);
    assert.match(difference(['a'], ['a', 'b']), /more lines than the doc shows, from line 2/);
    assert.match(difference(['a', 'b'], ['a']), /shows\n {4}b\n {2}but the output ended/);
    assert.match(difference(['a.c'], ['abc']), /shows\n {4}a\.c\n/);
});

test('a token that a failing command printed is masked in the report', { timeout: 90_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-runner-test-'));
    try {
        const doc = join(dir, 'token.md');
        writeFileSync(doc, '```text\n$ echo "created ovt_Zx9-_secretPart0123"\ncreated ...\nmore\n```\n');
        const run = runDocs([doc]);

        assert.equal(run.status, 1);
        assert.match(run.stderr, /\| created ovt_\*\*\*\*/);
        assert.doesNotMatch(run.stdout + run.stderr, /secretPart/);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
