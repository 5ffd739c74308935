// The snapshots view: the organization's snapshots (id, note, date) and, on one, the prerequisite check: every
// referenced key with its resource, JSON path, found or missing and look-alike keys, and "Create entry" on a
// missing one. The check downloads the stored snapshot's content and posts it to .../snapshots/check.
import { draftFor, place, summarize, verdict } from './check.js';
import { h, replace } from './dom.js';
import { utc } from './format.js';

/** Shows the snapshots of the organization; with `options.check` (a snapshot id) runs its prerequisite check. */
export async function showSnapshots(context, options = {}) {
    const organization = context.organization();
    const checkPanel = h('section', { class: 'panel', id: 'check', 'aria-labelledby': 'check-title', hidden: true });
    const listPanel = h('section', { class: 'panel', 'aria-labelledby': 'snapshots-title' },
        h('h1', { id: 'snapshots-title' }, 'Snapshots'),
        h('p', { class: 'loading' }, 'Loading…'));
    replace(context.main, listPanel, checkPanel);
    const snapshots = await context.api.snapshots(organization);
    replace(listPanel, h('h1', { id: 'snapshots-title' }, 'Snapshots'),
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
                            onclick: () => check(context, checkPanel, snapshot.id) }, 'Check prerequisites')))))));
    if (options.check && snapshots.some((snapshot) => snapshot.id === options.check)) {
        await check(context, checkPanel, options.check);
    }
}

async function check(context, panel, id) {
    const organization = context.organization();
    panel.hidden = false;
    panel.setAttribute('aria-busy', 'true');
    replace(panel, h('h2', { id: 'check-title' }, `Prerequisites of ${id}`), h('p', { class: 'loading' }, 'Checking…'));
    let result;
    try {
        const zip = await context.api.snapshotContent(organization, id);
        result = await context.api.checkSnapshot(organization, zip);
    } catch (error) {
        if (error.status !== 401) {
            replace(panel, h('h2', { id: 'check-title' }, `Prerequisites of ${id}`),
                h('p', { role: 'alert', class: 'form-error' }, `The check failed: ${error.message}`));
        }
        return;
    }
    const { missing } = summarize(result);
    replace(panel,
        h('h2', { id: 'check-title' }, `Prerequisites of ${id}`),
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
                    : h('button', { type: 'button', onclick: () => context.go('entries',
                        { draft: draftFor(reference), returnTo: id }) }, 'Create entry')))))));
    panel.setAttribute('aria-busy', 'false');
    panel.scrollIntoView?.({ block: 'start' });
}

function lookAlikes(keys) {
    if (!keys || keys.length === 0) {
        return h('span', { class: 'muted' }, 'none');
    }
    return h('ul', { class: 'look-alikes' }, keys.map((key) => h('li', {}, h('code', {}, key))));
}
