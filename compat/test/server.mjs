// Starts the built offline-vault jar in its test-organization mode (--ephemeral: in memory, nothing on disk) on
// a free port, with a known admin token and a seed, for the compatibility test.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const compatDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 30_000;
const PORT_FILE_POLL_MS = 25;
const STOP_GRACE_MS = 5_000;
const LOG_LIMIT = 1024 * 1024;

/** The jar under test: `OFFLINE_VAULT_JAR`, else the one the Maven build leaves in vault-app/target. */
export const jarPath = resolve(compatDir, process.env.OFFLINE_VAULT_JAR ?? '../vault-app/target/offline-vault.jar');

function javaCommand() {
    return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

// The child gets none of the caller's OFFLINE_VAULT_* settings (a developer's own data dir or token
// file must not leak in), and a HOME inside the temp dir. Java ignores HOME for user.home, hence the -D.
function childEnvironment(home) {
    const env = {};
    for (const [name, value] of Object.entries(process.env)) {
        if (!name.startsWith('OFFLINE_VAULT_')) {
            env[name] = value;
        }
    }
    env.HOME = home;
    return env;
}

// Keeps the last LOG_LIMIT characters of a stream, so a chatty server cannot grow our memory.
function capture(stream) {
    const box = { text: '' };
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
        box.text = (box.text + chunk).slice(-LOG_LIMIT);
    });
    return box;
}

function exited(child) {
    return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child, ms) {
    if (exited(child)) {
        return Promise.resolve(true);
    }
    return new Promise((done) => {
        const timer = setTimeout(() => {
            child.off('exit', onExit);
            done(false);
        }, ms);
        const onExit = () => {
            clearTimeout(timer);
            done(true);
        };
        child.once('exit', onExit);
    });
}

// A test-only token: 32 to 512 printable ASCII characters without spaces (API.md section 5), unique per run.
function newToken(label) {
    return `compat-${label}-${randomBytes(24).toString('hex')}`;
}

/**
 * Starts `java -jar offline-vault.jar serve --ephemeral --port 0 --port-file <root>/vault.port --seed
 * <root>/seed.json` with a known admin token in `OFFLINE_VAULT_ADMIN_TOKEN`, a HOME inside a new temp dir
 * (`root`), and none of the caller's OFFLINE_VAULT_* settings; resolves once the port file appears (the server
 * writes it once it answers, with the seed loaded), with the base URL, the admin token, the seeded tokens, the
 * captured output and an idempotent `stop()` that terminates the server and removes the temp dir. On any
 * failure to start, it cleans up and rejects with a message that holds the server's stderr.
 *
 * `tokens` lists more tokens for the seed, each as `{ name, orgs: [...] | allOrgs: true, privileges:
 * ['VAULT_ENTRY:VIEW', ...] }`; each gets a fresh value, and the result's `tokens` maps each name to it.
 * `organizations` goes to the seed as is (see the README, "Use it in tests").
 */
export async function startServer({ tokens: tokenSpecs = [], organizations = [] } = {}) {
    try {
        await access(jarPath);
    } catch {
        throw new Error(`offline-vault jar not found at ${jarPath}: build it first (mvn -B verify) or set OFFLINE_VAULT_JAR`);
    }
    const root = await mkdtemp(join(tmpdir(), 'offline-vault-compat-'));
    const home = join(root, 'home');
    const seedFile = join(root, 'seed.json');
    const portFile = join(root, 'vault.port');
    await mkdir(home, { mode: 0o700 });

    const adminToken = newToken('admin');
    const tokens = {};
    const seedTokens = tokenSpecs.map(({ name, orgs = [], allOrgs = false, privileges }) => {
        tokens[name] = newToken(name);
        return { name, ...(allOrgs ? { allOrganizations: true } : { organizations: orgs }), privileges, value: tokens[name] };
    });
    await writeFile(seedFile, JSON.stringify({ organizations, tokens: seedTokens }), { mode: 0o600 });

    const args = [
        `-Duser.home=${home}`,
        '-jar', jarPath,
        'serve',
        '--ephemeral',
        '--port', '0',
        '--port-file', portFile,
        '--seed', seedFile,
    ];
    const child = spawn(javaCommand(), args, {
        cwd: root,
        env: { ...childEnvironment(home), OFFLINE_VAULT_ADMIN_TOKEN: adminToken },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = capture(child.stdout);
    const stderr = capture(child.stderr);
    // Last resort if the test process dies without running its after() hooks.
    const onProcessExit = () => {
        if (!exited(child)) {
            child.kill('SIGKILL');
        }
        rmSync(root, { recursive: true, force: true });
    };
    process.once('exit', onProcessExit);

    let stopping = null;
    const stop = () => {
        stopping ??= (async () => {
            if (!exited(child)) {
                child.kill('SIGTERM');
                if (!(await waitForExit(child, STOP_GRACE_MS))) {
                    child.kill('SIGKILL');
                    await waitForExit(child, STOP_GRACE_MS);
                }
            }
            process.off('exit', onProcessExit);
            await rm(root, { recursive: true, force: true });
        })();
        return stopping;
    };

    let port;
    try {
        port = await waitForPortFile(child, portFile, stderr);
    } catch (error) {
        await stop();
        throw error;
    }

    return {
        baseUrl: `http://127.0.0.1:${port}`,
        port,
        adminToken,
        tokens,
        root,
        output: () => `--- stdout ---\n${stdout.text}\n--- stderr ---\n${stderr.text}`,
        stop,
    };
}

function describeFailure(reason, stderr) {
    const text = stderr.text.trim();
    return `offline-vault did not start (${reason}); jar: ${jarPath}\n--- server stderr ---\n${text === '' ? '(empty)' : text}`;
}

// The port file holds the port and a newline once the server answers; it is written atomically.
async function waitForPortFile(child, portFile, stderr) {
    if (child.pid === undefined) {
        const [error] = await once(child, 'error');
        throw new Error(describeFailure(`could not run ${javaCommand()}: ${error.message}`, stderr));
    }
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!existsSync(portFile)) {
        if (exited(child)) {
            // stderr is complete only once the pipes are drained
            await waitForClose(child);
            throw new Error(describeFailure(`exited early with ${child.signalCode ?? `code ${child.exitCode}`}`, stderr));
        }
        if (Date.now() > deadline) {
            throw new Error(describeFailure(`no port file within ${START_TIMEOUT_MS / 1000} s`, stderr));
        }
        await sleep(PORT_FILE_POLL_MS);
    }
    const text = await readFile(portFile, 'utf8');
    if (!/^\d+\n$/.test(text)) {
        throw new Error(describeFailure(`the port file holds ${JSON.stringify(text)}, not a port and a newline`, stderr));
    }
    return Number(text.trim());
}

function waitForClose(child) {
    if (child.stdout.closed && child.stderr.closed) {
        return Promise.resolve();
    }
    return new Promise((done) => child.once('close', done));
}
