#!/usr/bin/env node
// The doc runner: runs the shell examples of README.md and docs/*.md as printed, against the built jar,
// and fails when what a command prints differs from what the doc shows.
//
//   node docs-runner/run.mjs [--jar JAR] [--timeout SECONDS] [--show] [FILE.md ...]
//
// --show prints what each command printed (to write a doc's output from a real run). A token (ovt_...) is
// shown as ovt_**** in everything the runner prints.
//
// Without files it runs README.md, then docs/*.md in name order. The jar defaults to
// vault-app/target/offline-vault.jar (build it first). Exit 0 when every block ran as printed, 1 otherwise.
//
// Which blocks run
//   * a fenced block tagged sh or console;
//   * a fenced block tagged text, or untagged, whose first non-blank line starts with "$ ";
//   * never a block whose previous non-blank line is <!-- no-run --> or <!-- no-run: reason -->
//     (the build itself, a clone, the network). Every other block (java, xml, json, js, ...) is prose.
//
// Commands and the output they show
//   * sh blocks: each command is one or more lines (a trailing backslash or an open quote continues it);
//     comment lines before it are prose. The lines starting "# " (or a bare "#") directly after a command,
//     with no blank line between, are the output it prints, "# " removed. No such lines: output not compared.
//   * console and text blocks: "$ " starts a command (lines that do not complete it continue it); every
//     line up to the next "$ " line is the output it prints (stdout and stderr, as a terminal shows them);
//     none means it prints nothing.
//   * A shown line "..." alone matches any number of lines; "..." inside a line matches any text. Every
//     other character must match, the whole output must match (trailing spaces and trailing blank lines
//     aside). The runner's home directory is shown as /home/me in what a command prints.
//   * A command must exit 0, unless its line ends with a comment "# exit N" (it must then exit N), or the
//     next command is "echo $?" (which shows the status).
//
// How it runs
//   * Each file gets a fresh directory: HOME is <tmp>/home/me (so the data dir, ~/.offline-vault, is new),
//     and the working directory is HOME, holding a copy of the repository's tracked files (examples/,
//     poms, sources) with vault-app/target/offline-vault.jar linked to the jar (and the launcher
//     vault-app/target/offline-vault to the one beside the jar, when the build made one). An `offline-vault` script
//     that runs `java -jar JAR` is first on PATH, and a `java` that passes -Duser.home=$HOME to the real
//     one (Java reads the home directory from the password file). No OFFLINE_VAULT_* variable is inherited,
//     nor JAVA_HOME (the launcher and Maven then use that java).
//   * Each command runs in bash, in its own process group, with the variables, functions, working
//     directory and $? that the commands before it in the file left; it is killed after --timeout seconds
//     (default 120). Processes a command leaves running in the background (a server started with &) are
//     stopped at the end of the file: SIGTERM, then SIGKILL after 10 s.
//   * When the file runs mvn, its ~/.m2/repository is a hard-linked copy of the real local repository
//     (DOCS_RUNNER_MAVEN_REPO, default the real ~/.m2/repository) without io/offlinevault, so that an
//     `mvn install` in a doc never touches the real one, and ~/.m2/settings.xml makes Maven offline
//     (MAVEN_OPTS gets -Duser.home=HOME: Java reads the home directory from the password file).

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, symlinkSync,
    writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KILL_GRACE_MS = 10_000;

/** The blocks of a markdown text that run: {line (1-based, of the opening fence), kind, lines:[{n, text}]}. */
export function runnableBlocks(markdown) {
    const lines = markdown.split('\n');
    const blocks = [];
    for (let i = 0; i < lines.length; i++) {
        const open = /^(`{3,})\s*([\w-]*)\s*$/.exec(lines[i]);
        if (!open) continue;
        const body = [];
        let j = i + 1;
        while (j < lines.length && !lines[j].startsWith(open[1])) {
            body.push({ n: j + 1, text: lines[j] });
            j++;
        }
        let before = i - 1;
        while (before >= 0 && lines[before].trim() === '') before--;
        const skipped = before >= 0 && /^<!--\s*no-run\b.*-->\s*$/.test(lines[before].trim());
        const tag = open[2];
        const firstLine = body.find((line) => line.text.trim() !== '');
        const prompted = firstLine !== undefined && firstLine.text.startsWith('$ ');
        const kind = tag === 'sh' ? 'sh'
            : tag === 'console' || ((tag === 'text' || tag === '') && prompted) ? 'console' : null;
        if (kind !== null) {
            blocks.push({ line: i + 1, kind, skipped, lines: body });
        }
        i = j;
    }
    return blocks;
}

function isComplete(command) {
    if (/\\$/.test(command)) return false;
    return spawnSync('bash', ['-n'], { input: command + '\n', stdio: ['pipe', 'ignore', 'ignore'] }).status === 0;
}

/** The commands of a block: {line, text, expected: string[] | null}. Throws on a command that never completes. */
export function commandsOf(block, file) {
    const commands = [];
    const lines = block.lines;
    let i = 0;
    const take = (strip) => {
        let text = strip(lines[i].text);
        const line = lines[i].n;
        i++;
        while (!isComplete(text)) {
            if (i >= lines.length) {
                throw new Error(`${file}:${line}: this command does not end before its block does`);
            }
            text += '\n' + (block.kind === 'console' ? lines[i].text.replace(/^> /, '') : lines[i].text);
            i++;
        }
        return { line, text };
    };
    if (block.kind === 'sh') {
        while (i < lines.length) {
            const raw = lines[i].text;
            if (raw.trim() === '' || raw.trimStart().startsWith('#')) {
                i++;
                continue;
            }
            const command = take((t) => t);
            let expected = null;
            while (i < lines.length && (lines[i].text.startsWith('# ') || lines[i].text === '#')) {
                (expected ??= []).push(lines[i].text.slice(2));
                i++;
            }
            commands.push({ ...command, expected });
        }
    } else {
        while (i < lines.length && lines[i].text.trim() === '') i++;
        while (i < lines.length) {
            if (!lines[i].text.startsWith('$ ')) {
                throw new Error(`${file}:${lines[i].n}: output before any "$ " command`);
            }
            const command = take((t) => t.slice(2));
            const expected = [];
            while (i < lines.length && !lines[i].text.startsWith('$ ')) {
                expected.push(lines[i].text);
                i++;
            }
            while (expected.length > 0 && expected[expected.length - 1].trim() === '') expected.pop();
            commands.push({ ...command, expected });
        }
    }
    return commands;
}

function lineMatches(pattern, actual) {
    if (!pattern.includes('...')) return pattern === actual;
    const regex = pattern.split('...').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]*');
    return new RegExp(`^${regex}$`).test(actual);
}

/** Null when the output lines match the shown ones, else a description of the first difference. */
export function difference(expected, actual) {
    const memo = new Map();
    const match = (e, a) => {
        const key = e * (actual.length + 1) + a;
        if (memo.has(key)) return memo.get(key);
        let result;
        if (e === expected.length) result = a === actual.length;
        else if (expected[e] === '...') result = match(e + 1, a) || (a < actual.length && match(e, a + 1));
        else result = a < actual.length && lineMatches(expected[e], actual[a]) && match(e + 1, a + 1);
        memo.set(key, result);
        return result;
    };
    if (match(0, 0)) return null;
    // Point at the first shown line that cannot be matched in order.
    let a = 0;
    for (let e = 0; e < expected.length; e++) {
        if (expected[e] === '...') {
            const next = expected.slice(e + 1).find((line) => line !== '...');
            if (next === undefined) return `the output after line ${a} should match "..."`;
            while (a < actual.length && !lineMatches(next, actual[a])) a++;
            continue;
        }
        if (a >= actual.length) return `the doc shows\n    ${expected[e]}\n  but the output ended`;
        if (!lineMatches(expected[e], actual[a])) {
            return `the doc shows\n    ${expected[e]}\n  but output line ${a + 1} is\n    ${actual[a]}`;
        }
        a++;
    }
    return `the output has more lines than the doc shows, from line ${a + 1}:\n    ${actual[a]}`;
}

function copyRepository(home) {
    // The tracked files, and the new ones git does not ignore (so that a doc under edit runs with its examples).
    const copied = spawnSync('bash', ['-c', 'git ls-files -z --cached --others --exclude-standard'
        + ' | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$1"', 'copy', home], { cwd: REPOSITORY });
    if (copied.status !== 0) throw new Error(`cannot copy the files of ${REPOSITORY}: ${copied.stderr}`);
}

function prepare(root, jar, markdown) {
    const home = join(root, 'home', 'me');
    mkdirSync(home, { recursive: true });
    copyRepository(home);
    mkdirSync(join(home, 'vault-app', 'target'), { recursive: true });
    symlinkSync(jar, join(home, 'vault-app', 'target', 'offline-vault.jar'));
    // The launcher script the build puts next to the jar, where there is one: it runs the jar beside it.
    const launcher = join(dirname(jar), 'offline-vault');
    if (existsSync(launcher)) symlinkSync(launcher, join(home, 'vault-app', 'target', 'offline-vault'));
    const bin = join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'offline-vault'), `#!/bin/sh\nexec java -jar '${jar}' "$@"\n`);
    // Java takes user.home from the password file, not from HOME: without this, a doc's vault would land
    // in the real ~/.offline-vault.
    const java = spawnSync('bash', ['-c', 'command -v java'], { encoding: 'utf8' }).stdout.trim();
    if (java === '') throw new Error('no java on PATH');
    writeFileSync(join(bin, 'java'), `#!/bin/sh\nexec '${java}' -Duser.home="$HOME" "$@"\n`);
    for (const script of ['offline-vault', 'java']) chmodSync(join(bin, script), 0o755);
    if (/\bmvn\b/.test(markdown)) {
        const real = process.env.DOCS_RUNNER_MAVEN_REPO ?? join(homedir(), '.m2', 'repository');
        const copy = join(home, '.m2', 'repository');
        mkdirSync(copy, { recursive: true });
        for (const top of readdirSync(real)) {
            if (top === 'io') {
                mkdirSync(join(copy, 'io'));
                for (const group of readdirSync(join(real, 'io')).filter((name) => name !== 'offlinevault')) {
                    linkCopy(join(real, 'io', group), join(copy, 'io'));
                }
            } else {
                linkCopy(join(real, top), copy);
            }
        }
        writeFileSync(join(home, '.m2', 'settings.xml'), '<settings>\n  <offline>true</offline>\n</settings>\n');
    }
    // No JAVA_HOME either: the launcher and Maven then take the java on PATH, the one that sets user.home.
    const env = Object.fromEntries(Object.entries(process.env)
        .filter(([name]) => !name.startsWith('OFFLINE_VAULT_') && name !== 'JAVA_HOME'));
    // Java takes user.home from the password file, not from HOME: Maven is told, or it would use the real ~/.m2.
    const mavenOpts = `${env.MAVEN_OPTS ?? ''} -Duser.home=${home}`.trim();
    return { home, env: { ...env, HOME: home, PATH: `${bin}:${process.env.PATH}`, MAVEN_OPTS: mavenOpts } };
}

function linkCopy(source, intoDirectory) {
    // Hard links: instant, and Maven only adds files to its local repository (an install writes under
    // io/offlinevault, which is not linked); a copy where links cannot be made.
    if (spawnSync('cp', ['-al', source, intoDirectory]).status !== 0) {
        if (spawnSync('cp', ['-r', source, intoDirectory]).status !== 0) {
            throw new Error(`cannot copy ${source}`);
        }
    }
}

function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
        return true;
    } catch {
        return false;
    }
}

function groupAlive(pid) {
    return killGroup(pid, 0);
}

async function runCommand(command, state, timeoutMs) {
    // A file per command: a process left in the background keeps writing to its own.
    const output = join(state.dir, `output-${state.commands++}`);
    const script = join(state.dir, 'command.sh');
    writeFileSync(script, [
        `source '${state.dir}/variables.sh' 2>/dev/null`,
        `cd "$(cat '${state.dir}/cwd')"`,
        `(exit ${state.status})`,
        command.text,
        '__docs_status=$?',
        `pwd > '${state.dir}/cwd'`,
        `{ declare -p $(compgen -v | grep -vxF -f '${state.dir}/baseline') 2>/dev/null; declare -f; }`
            + ` > '${state.dir}/variables.sh'`,
        'exit $__docs_status',
        '',
    ].join('\n'));
    const fd = openSync(output, 'w');
    const child = spawn('bash', [script], { cwd: state.home, env: state.env, detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    state.groups.push(child.pid);
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    const status = await new Promise((resolvePromise) => {
        child.on('exit', (code, signal) => resolvePromise(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15)));
        child.on('error', () => resolvePromise(127));
    });
    clearTimeout(timer);
    const text = readFileSync(output, 'utf8').split(state.home).join('/home/me');
    const lines = text.split('\n').map((line) => line.trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return { status, timedOut, lines };
}

async function stopGroups(groups) {
    const alive = groups.filter((pid) => killGroup(pid, 'SIGTERM'));
    const deadline = Date.now() + KILL_GRACE_MS;
    while (alive.some(groupAlive) && Date.now() < deadline) {
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
    }
    alive.filter(groupAlive).forEach((pid) => killGroup(pid, 'SIGKILL'));
}

// A token that a doc creates (a throwaway vault's, but a token all the same) is never copied into a log.
function masked(line) {
    return line.replace(/ovt_[A-Za-z0-9_-]+/g, 'ovt_****');
}

function expectedStatus(command, next) {
    if (next !== undefined && /^echo \$\?\s*$/.test(next.text.trim())) return null;
    const declared = /#\s*exit (\d+)\b[^'"]*$/.exec(command.text.split('\n')[0]);
    return declared ? Number(declared[1]) : 0;
}

/** Runs the blocks of one markdown file; resolves to {ran, skipped, commands, failures: string[]}. */
export async function runFile(file, { jar, timeoutMs, show = false, log: print = () => {} }) {
    const log = (line) => print(masked(line));
    const shown = relative(process.cwd(), file) || file;
    const markdown = readFileSync(file, 'utf8');
    const blocks = runnableBlocks(markdown);
    const result = { blocks: blocks.map(({ line, kind, skipped }) => ({ line, kind, skipped })), commands: 0, failures: [] };
    if (blocks.every((block) => block.skipped)) return result;
    const root = mkdtempSync(join(tmpdir(), 'docs-runner-'));
    const { home, env } = prepare(root, jar, markdown);
    const dir = join(root, 'state');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cwd'), home + '\n');
    const baseline = spawnSync('env', ['-i', 'bash', '-c', 'compgen -v'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'baseline'), baseline + ['__docs_status', '_', 'PWD', 'OLDPWD'].join('\n') + '\n');
    const state = { dir, home, env, status: 0, groups: [], commands: 0 };
    try {
        for (const block of blocks) {
            if (block.skipped) {
                log(`${shown}:${block.line}: skipped (no-run)`);
                continue;
            }
            let commands;
            try {
                commands = commandsOf(block, shown);
            } catch (error) {
                result.failures.push(error.message);
                break;
            }
            for (let c = 0; c < commands.length; c++) {
                const command = commands[c];
                const where = `${shown}:${command.line}`;
                log(`${where}: $ ${command.text.split('\n')[0]}`);
                const run = await runCommand(command, state, timeoutMs);
                result.commands++;
                state.status = run.status;
                if (show) run.lines.forEach((line) => log(`    ${line}`));
                const problems = [];
                if (run.timedOut) {
                    problems.push(`it did not end within ${timeoutMs / 1000} s and was killed`);
                } else {
                    const wanted = expectedStatus(command, commands[c + 1]);
                    if (wanted !== null && wanted !== run.status) {
                        problems.push(`it exited ${run.status}, not ${wanted}`);
                    }
                }
                if (command.expected !== null) {
                    const diff = difference(command.expected, run.lines);
                    if (diff !== null) problems.push(diff);
                }
                if (problems.length > 0) {
                    const printed = run.lines.length === 0 ? '  (it printed nothing)'
                        : run.lines.slice(0, 40).map((line) => `  | ${line}`).join('\n');
                    result.failures.push(masked(`${where}: ${command.text.split('\n')[0]}\n  ${problems.join('\n  ')}\n`
                        + `  what it printed:\n${printed}`));
                    break;   // the commands after it build on it
                }
            }
            if (result.failures.length > 0) break;   // later blocks build on this one
        }
    } finally {
        await stopGroups(state.groups);
        spawnSync('rm', ['-rf', root]);
    }
    return result;
}

function defaultFiles() {
    const docs = join(REPOSITORY, 'docs');
    const pages = existsSync(docs) ? readdirSync(docs).filter((name) => name.endsWith('.md')).sort() : [];
    return [join(REPOSITORY, 'README.md'), ...pages.map((name) => join(docs, name))];
}

async function main(args) {
    let jar = join(REPOSITORY, 'vault-app', 'target', 'offline-vault.jar');
    let timeoutMs = 120_000;
    let show = false;
    const files = [];
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '--jar') jar = resolve(args[++i]);
        else if (args[i] === '--timeout') timeoutMs = Number(args[++i]) * 1000;
        else if (args[i] === '--show') show = true;
        else files.push(resolve(args[i]));
    }
    if (!existsSync(jar)) {
        console.error(`no jar at ${jar}: build it first (mvn -B -q package -DskipTests), or name one with --jar`);
        return 2;
    }
    if (!(timeoutMs > 0)) {
        console.error('--timeout takes a number of seconds');
        return 2;
    }
    let failed = 0;
    let ran = 0;
    for (const file of files.length > 0 ? files : defaultFiles()) {
        const started = Date.now();
        const result = await runFile(file, { jar, timeoutMs, show, log: (line) => console.log(line) });
        const runs = result.blocks.filter((block) => !block.skipped).length;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`${relative(process.cwd(), file)}: ${runs} blocks run, ${result.blocks.length - runs} skipped, `
            + `${result.commands} commands, ${result.failures.length === 0 ? 'as printed' : 'FAILED'} (${seconds} s)`);
        for (const failure of result.failures) console.error(`\n${failure}\n`);
        if (result.failures.length > 0) failed++;
        else ran++;
    }
    console.log(`docs: ${ran} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    process.exitCode = await main(process.argv.slice(2));
}
