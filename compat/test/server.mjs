// Starts the built offline-vault jar on a free port in a throw-away directory, for the compatibility test.
import { execFile, spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const compatDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;
const START_TIMEOUT_MS = 30_000;
const TOKEN_CREATE_TIMEOUT_MS = 30_000;
const GENERATED_TOKEN = /^ovt_[A-Za-z0-9_-]{43}\r?\n$/;
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

// Runs `java -jar offline-vault.jar token create` on the data dir before the server holds its lock, and
// resolves with the token that the command prints alone on stdout. Its stderr names no token.
function createToken(root, home, dataDir, keyFile, { name, orgs = [], allOrgs = false, privileges }) {
    const args = [
        `-Duser.home=${home}`,
        '-jar', jarPath,
        'token', 'create',
        '--data-dir', dataDir,
        '--key-file', keyFile,
        '--name', name,
        ...(allOrgs ? ['--all-orgs'] : orgs.flatMap((org) => ['--org', org])),
        ...privileges.flatMap((privilege) => ['--privilege', privilege]),
    ];
    return new Promise((resolveToken, reject) => {
        execFile(
            javaCommand(),
            args,
            { cwd: root, env: childEnvironment(home), timeout: TOKEN_CREATE_TIMEOUT_MS, maxBuffer: LOG_LIMIT },
            (error, stdout, stderr) => {
                if (error) {
                    const how = error.killed ? `killed after ${TOKEN_CREATE_TIMEOUT_MS / 1000} s` : `exit ${error.code}`;
                    reject(new Error(`offline-vault token create --name ${name} failed (${how}); jar: ${jarPath}\n--- stderr ---\n${stderr}`));
                } else if (!GENERATED_TOKEN.test(stdout)) {
                    // Never echo stdout: it may hold a token next to whatever else was printed there.
                    reject(new Error(`offline-vault token create --name ${name} printed ${stdout.length} characters on stdout,`
                        + ` not one generated token alone on its line\n--- stderr ---\n${stderr}`));
                } else {
                    resolveToken(stdout.trim());
                }
            },
        );
    });
}

/**
 * Starts `java -jar offline-vault.jar serve --port 0` with a fresh data dir and key file under a new
 * temp dir; resolves once the server prints the port it bound, with the base URL, the admin token
 * (first line of `<data-dir>/admin.token`), the tokens asked for, the captured output and an
 * idempotent `stop()` that terminates the server and removes the temp dir. On any failure to start,
 * it cleans up and rejects with a message that holds the server's stderr.
 *
 * `tokens` lists more tokens to create first, each as `{ name, orgs: [...] | allOrgs: true, privileges:
 * ['VAULT_ENTRY:VIEW', ...] }`, with `offline-vault token create` on the same data dir and key file
 * before the server starts (the command creates the vault, as serve would); the result's `tokens`
 * maps each name to its value.
 */
export async function startServer({ tokens: tokenSpecs = [] } = {}) {
    try {
        await access(jarPath);
    } catch {
        throw new Error(`offline-vault jar not found at ${jarPath}: build it first (mvn -B verify) or set OFFLINE_VAULT_JAR`);
    }
    const root = await mkdtemp(join(tmpdir(), 'offline-vault-compat-'));
    const dataDir = join(root, 'data');
    const keyFile = join(root, 'keys', 'vault.key');
    const home = join(root, 'home');
    await mkdir(dirname(keyFile), { mode: 0o700 });
    await mkdir(home, { mode: 0o700 });

    const tokens = {};
    try {
        for (const spec of tokenSpecs) {
            tokens[spec.name] = await createToken(root, home, dataDir, keyFile, spec);
        }
    } catch (error) {
        await rm(root, { recursive: true, force: true });
        throw error;
    }

    const args = [
        `-Duser.home=${home}`,
        '-jar', jarPath,
        'serve',
        '--data-dir', dataDir,
        '--key-file', keyFile,
        '--port', '0',
    ];
    const child = spawn(javaCommand(), args, {
        cwd: root,
        env: childEnvironment(home),
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
        port = await waitForPort(child, stdout, stderr);
    } catch (error) {
        await stop();
        throw error;
    }

    let adminToken;
    try {
        adminToken = (await readFile(join(dataDir, 'admin.token'), 'utf8')).split(/\r?\n/, 1)[0].trim();
    } catch (error) {
        await stop();
        throw new Error(`server started but ${join('<data-dir>', 'admin.token')} is unreadable: ${error.code ?? error}`);
    }
    if (adminToken === '') {
        await stop();
        throw new Error('server started but <data-dir>/admin.token is empty');
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

function waitForPort(child, stdout, stderr) {
    return new Promise((resolvePort, reject) => {
        const cleanups = [];
        const settle = (fn, value) => {
            for (const cleanup of cleanups) {
                cleanup();
            }
            fn(value);
        };
        const timer = setTimeout(
            () => settle(reject, new Error(describeFailure(`no "listening on" line within ${START_TIMEOUT_MS / 1000} s`, stderr))),
            START_TIMEOUT_MS,
        );
        cleanups.push(() => clearTimeout(timer));

        const onData = () => {
            const match = LISTENING.exec(stdout.text);
            if (match) {
                settle(resolvePort, Number(match[1]));
            }
        };
        child.stdout.on('data', onData);
        cleanups.push(() => child.stdout.off('data', onData));

        // 'close' rather than 'exit': stderr is complete only once the pipes are drained.
        const onClose = (code, signal) =>
            settle(reject, new Error(describeFailure(`exited early with ${signal ?? `code ${code}`}`, stderr)));
        child.once('close', onClose);
        cleanups.push(() => child.off('close', onClose));

        const onError = (error) => settle(reject, new Error(describeFailure(`could not run ${javaCommand()}: ${error.message}`, stderr)));
        child.once('error', onError);
        cleanups.push(() => child.off('error', onError));
    });
}
