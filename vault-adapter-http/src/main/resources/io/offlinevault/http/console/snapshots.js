// The snapshots view: upload (JSON or ZIP, with progress) and delete; the organization's snapshots (id, note, date);
// on one, the prerequisite check (every referenced key with its resource, JSON path, found or missing and look-alike
// keys, "Create entry" on a missing one), "Import vault entries" from an origin organization (the dry run's answer
// first), and the dry run and apply reports. The check posts the stored snapshot's content to .../snapshots/check.
import { draftFor, importSummary, place, reportErrors, reportRows, reportVerdict, summarize, verdict }
    from './check.js';
import { commandsFor } from './commands.js';
import { commandsBox, confirmDialog, field, h, replace } from './dom.js';
import { utc } from './format.js';

const STRATEGIES = ['ALL_OR_NOTHING', 'ONLY_MISSING', 'OVERWRITE'];

/** Shows the snapshots of the organization; with `options.check` (a snapshot id) runs its prerequisite check. */
export async function showSnapshots(context, options = {}) {
    const organization = context.organization();
    const checkPanel = h('section', { class: 'panel', id: 'check', 'aria-labelledby': 'check-title', hidden: true });
    const listPanel = h('section', { class: 'panel', 'aria-labelledby': 'snapshots-title' },
        h('h1', { id: 'snapshots-title' }, 'Snapshots'), h('p', { class: 'loading' }, 'Loading…'));
    replace(context.main, uploadForm(context), listPanel, checkPanel);
    const snapshots = await context.api.snapshots(organization);
    replace(listPanel, h('h1', { id: 'snapshots-title' }, 'Snapshots'),
        options.notice ? h('p', { class: 'notice', role: 'status' }, options.notice) : null,
        snapshots.length === 0 ? h('p', { class: 'empty' }, `No snapshot in ${organization} yet.`)
            : h('table', { class: 'snapshots' },
                h('thead', {}, h('tr', {}, ['Snapshot', 'Note', 'Created', 'Actions']
                    .map((name) => h('th', { scope: 'col' }, name)))),
                h('tbody', {}, snapshots.map((snapshot) => h('tr', {},
                    h('th', { scope: 'row', class: 'key', 'data-label': 'Snapshot', id: `snapshot-${snapshot.id}` },
                        snapshot.id),
                    h('td', { 'data-label': 'Note' }, snapshot.developerNote || '—'),
                    h('td', { 'data-label': 'Created' }, h('time', {}, utc(snapshot.createdDate))),
                    h('td', { 'data-label': 'Actions', class: 'actions' },
                        h('button', { type: 'button', 'aria-describedby': `snapshot-${snapshot.id}`,
                            onclick: () => check(context, checkPanel, snapshot.id) }, 'Check prerequisites'),
                        h('button', { type: 'button', class: 'small', 'aria-describedby': `snapshot-${snapshot.id}`,
                            onclick: () => removeSnapshot(context, snapshot.id) }, 'Delete')))))),
        commandsBox(commandsFor('snapshots', { organization }, context.origin)));
    if (options.check && snapshots.some((snapshot) => snapshot.id === options.check)) {
        await check(context, checkPanel, options.check);
    }
}

function uploadForm(context) {
    const organization = context.organization();
    const file = h('input', { type: 'file', id: 'snapshot-file', accept: '.json,.zip,application/json,application/zip' });
    const note = h('input', { id: 'snapshot-note', autocomplete: 'off' });
    const progress = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': 'Upload progress' });
    const status = h('p', { class: 'form-error', role: 'alert' });
    const submit = h('button', { type: 'submit' }, 'Upload snapshot');
    const commands = h('div', {}, commandsBox(commandsFor('upload', { organization, fileType: 'JSON' }, context.origin)));
    file.addEventListener('change', () => {
        const chosen = file.files[0];
        replace(commands, commandsBox(commandsFor('upload', { organization, file: chosen?.name,
            fileType: fileTypeOf(chosen), note: note.value }, context.origin)));
    });
    return h('form', { class: 'panel', 'aria-labelledby': 'upload-title', novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        replace(status);
        const chosen = file.files[0];
        if (!chosen) {
            replace(status, 'Choose a snapshot file (JSON or ZIP) first.');
            file.focus();
            return;
        }
        submit.disabled = true;
        progress.hidden = false;
        progress.value = 0;
        try {
            const snapshot = await context.api.uploadSnapshot(organization, chosen, { fileType: fileTypeOf(chosen),
                note: note.value, onProgress: (loaded, total) => {
                    progress.value = total > 0 ? Math.round((100 * loaded) / total) : 0;
                } });
            context.go('snapshots', { check: snapshot.id, notice: `Uploaded ${chosen.name} as ${snapshot.id}.` });
        } catch (error) {
            if (error.status !== 401) {
                replace(status, `Not uploaded: ${error.message}`);
            }
        } finally {
            submit.disabled = false;
            progress.hidden = true;
        }
    } },
    h('h2', { id: 'upload-title' }, 'Upload a snapshot'),
    h('div', { class: 'pair' }, field('Snapshot file', file, 'A JSON or ZIP file as Coveo exports it.'),
        field('Developer note', note)),
    status, progress,
    h('div', { class: 'actions' }, submit),
    commands);
}

function fileTypeOf(file) {
    return file && (/\.zip$/i.test(file.name) || file.type === 'application/zip') ? 'ZIP' : 'JSON';
}

async function removeSnapshot(context, id) {
    if (!(await confirmDialog(`Delete the snapshot ${id} and its reports? This cannot be undone.`, 'Delete'))) {
        return;
    }
    try {
        await context.api.deleteSnapshot(context.organization(), id);
        context.go('snapshots', { notice: `Deleted ${id}.` });
    } catch (error) {
        if (error.status !== 401) {
            context.go('snapshots', { notice: `Not deleted: ${error.message}` });
        }
    }
}

async function check(context, panel, id, message) {
    const organization = context.organization();
    const title = () => h('h2', { id: 'check-title' }, `Prerequisites of ${id}`);
    panel.hidden = false;
    panel.setAttribute('aria-busy', 'true');
    replace(panel, title(), h('p', { class: 'loading' }, 'Checking…'));
    let result;
    try {
        const zip = await context.api.snapshotContent(organization, id);
        result = await context.api.checkSnapshot(organization, zip);
    } catch (error) {
        if (error.status !== 401) {
            replace(panel, title(), h('p', { role: 'alert', class: 'form-error' }, `The check failed: ${error.message}`));
        }
        return;
    }
    const { missing } = summarize(result);
    const report = h('div', { id: 'report' });
    replace(panel, title(),
        message ? h('p', { class: 'notice', role: 'status' }, message) : null,
        h('p', { class: missing === 0 ? 'verdict ok' : 'verdict missing', role: 'status' }, verdict(result)),
        result.references.length === 0 ? null : h('table', { class: 'check' },
            h('thead', {}, h('tr', {}, ['Key', 'Resource', 'JSON path', 'Status', 'Look-alike keys', 'Actions']
                .map((name) => h('th', { scope: 'col' }, name)))),
            h('tbody', {}, result.references.map((reference) => h('tr', { class: reference.found ? 'found' : 'absent' },
                h('th', { scope: 'row', class: 'key', 'data-label': 'Key' }, reference.key),
                h('td', { 'data-label': 'Resource' }, h('span', { class: 'tag' }, reference.resourceType), ' ',
                    h('span', {}, reference.resourceName)),
                h('td', { 'data-label': 'JSON path' }, h('code', {}, place(reference))),
                h('td', { 'data-label': 'Status' }, h('span', { class: reference.found ? 'badge ok' : 'badge missing' },
                    reference.found ? 'Found' : 'Missing')),
                h('td', { 'data-label': 'Look-alike keys' }, lookAlikes(reference.similarKeys)),
                h('td', { 'data-label': 'Actions', class: 'actions' }, reference.found ? null
                    : createButton(context, reference, id)))))),
        commandsBox(commandsFor('check', { organization, snapshotId: id }, context.origin)),
        missing === 0 ? null : importForm(context, panel, id),
        h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: () => runReport(context, report, id, 'dryrun') }, 'Dry run'),
            h('button', { type: 'button', onclick: () => runReport(context, report, id, 'apply') }, 'Apply')),
        report);
    panel.setAttribute('aria-busy', 'false');
    panel.scrollIntoView?.({ block: 'start' });
}

function createButton(context, reference, id) {
    return h('button', { type: 'button', onclick: () => context.go('entries', { draft: draftFor(reference), returnTo: id }) },
        'Create entry');
}

function lookAlikes(keys) {
    if (!keys || keys.length === 0) {
        return h('span', { class: 'muted' }, 'none');
    }
    return h('ul', { class: 'look-alikes' }, keys.map((key) => h('li', {}, h('code', {}, key))));
}

// Import vault entries from an origin organization: the dry run's answer first, then the import, then the check again.
function importForm(context, panel, id) {
    const organization = context.organization();
    const from = h('input', { id: 'origin-organization', list: 'organizations', autocomplete: 'off', spellcheck: 'false' });
    const strategy = h('select', { id: 'strategy' }, STRATEGIES.map((name) => h('option', { value: name }, name)));
    const answer = h('div', { class: 'import-answer', 'aria-live': 'polite' });
    const params = () => ({ organization, snapshotId: id, from: from.value.trim(), strategy: strategy.value });
    const form = h('form', { class: 'import', novalidate: true, 'aria-labelledby': 'import-title', onsubmit: async (event) => {
        event.preventDefault();
        const wanted = params();
        if (wanted.from === '') {
            replace(answer, h('p', { class: 'form-error', role: 'alert' }, 'Name the origin organization to import from.'));
            from.focus();
            return;
        }
        let dry;
        try {
            dry = await context.api.importEntries(organization, { ...wanted, dryRun: true });
        } catch (error) {
            if (error.status === 409 && Array.isArray(error.body.keys)) {
                dry = { conflict: true, keys: error.body.keys };
            } else {
                if (error.status !== 401) {
                    replace(answer, h('p', { class: 'form-error', role: 'alert' }, error.message));
                }
                return;
            }
        }
        const copies = dry.conflict ? 0 : dry.copied.length + dry.overwritten.length;
        replace(answer, h('div', { class: copies > 0 ? 'notice' : 'notice error', role: 'status' },
            importSummary(dry, wanted.from).map((line) => h('p', {}, line)),
            copies === 0 ? null : h('button', { type: 'button', onclick: async () => {
                try {
                    await context.api.importEntries(organization, wanted);
                    await check(context, panel, id, `Imported ${copies} ${copies === 1 ? 'entry' : 'entries'} from`
                        + ` ${wanted.from}.`);
                } catch (error) {
                    if (error.status !== 401) {
                        replace(answer, h('p', { class: 'form-error', role: 'alert' }, `Not imported: ${error.message}`));
                    }
                }
            } }, `Import ${copies} ${copies === 1 ? 'entry' : 'entries'}`)),
        commandsBox(commandsFor('import', { ...wanted, dryRun: false }, context.origin)));
    } },
    h('h3', { id: 'import-title' }, 'Import vault entries'),
    h('div', { class: 'pair' }, field('Origin organization', from), field('Strategy', strategy,
        'ALL_OR_NOTHING copies only when the origin has every missing key.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Import vault entries')),
    answer);
    return form;
}

async function runReport(context, box, id, kind) {
    const organization = context.organization();
    replace(box, h('p', { class: 'loading' }, kind === 'apply' ? 'Applying…' : 'Running the dry run…'));
    let report;
    try {
        report = kind === 'apply' ? await context.api.apply(organization, id) : await context.api.dryRun(organization, id);
    } catch (error) {
        if (error.status !== 401) {
            replace(box, h('p', { class: 'form-error', role: 'alert' }, error.message));
        }
        return;
    }
    const errors = reportErrors(report);
    replace(box, h('section', { class: 'report', 'aria-labelledby': 'report-title' },
        h('h3', { id: 'report-title' }, `${kind === 'apply' ? 'Apply' : 'Dry run'} report ${report.id}`),
        h('p', { class: errors.length === 0 ? 'verdict ok' : 'verdict missing', role: 'status' }, reportVerdict(report)),
        h('table', { class: 'report-counts' },
            h('thead', {}, h('tr', {}, ['Resource type', 'Created', 'Updated', 'Recreated', 'Deleted', 'In error',
                'Unchanged'].map((name) => h('th', { scope: 'col' }, name)))),
            h('tbody', {}, reportRows(report).map((row) => h('tr', {},
                h('th', { scope: 'row', 'data-label': 'Resource type' }, row.type),
                ...[['Created', row.created], ['Updated', row.updated], ['Recreated', row.recreated],
                    ['Deleted', row.deleted], ['In error', row.inError], ['Unchanged', row.unchanged]]
                    .map(([label, count]) => h('td', { 'data-label': label }, String(count))))))),
        errors.length === 0 ? null : h('table', { class: 'report-errors' },
            h('thead', {}, h('tr', {}, ['Resource', 'Error', 'Look-alike keys', 'Actions']
                .map((name) => h('th', { scope: 'col' }, name)))),
            h('tbody', {}, errors.map((item) => h('tr', {},
                h('th', { scope: 'row', 'data-label': 'Resource' }, h('span', { class: 'tag' }, item.resourceType), ' ',
                    h('span', {}, item.resourceName)),
                h('td', { 'data-label': 'Error' }, h('code', {}, item.resultCode), ' ', h('span', {}, item.message)),
                h('td', { 'data-label': 'Look-alike keys' }, lookAlikes(item.similarKeys)),
                h('td', { 'data-label': 'Actions', class: 'actions' }, item.key && item.jsonPath
                    ? createButton(context, item, id) : null))))),
        commandsBox(commandsFor(kind, { organization, snapshotId: id }, context.origin))));
}
