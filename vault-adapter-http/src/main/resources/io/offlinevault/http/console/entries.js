// The vault entries view: a filterable, paged list; the entry form (create, edit) with the API's violations beside
// their fields; rename; delete with confirmation; and after a save, the key.reference_mismatch warning with a
// one-click rename to the expected key.
import { renamesOffered } from './check.js';
import { commandsFor } from './commands.js';
import { commandsBox, confirmDialog, copyButton, field, h, replace, showErrors, uid } from './dom.js';
import { filterEntries, pageOf, plural } from './format.js';
import { groupViolations } from './violations.js';

const PAGE_SIZE = 20;
const SCAN_PAGE_SIZE = 1000;
const VALUE_TYPES = ['STRING', 'BOOLEAN', 'INTEGER', 'FLOAT'];
const VISIBILITIES = ['STRICT', 'OBFUSCATED', 'PUBLIC'];
const RESOURCE_TYPES = ['SOURCE', 'EXTENSION', 'SECURITY_PROVIDER', 'QUERY_PIPELINE', 'SEARCH_PAGE', 'FIELD',
    'MAPPING', 'CATALOG', 'ML_MODEL', 'TRIGGER', 'UNKNOWN'];

/** Shows the entries view: the list, or with `options.draft`/`edit`/`rename` the form for one entry. */
export async function showEntries(context, options = {}) {
    if (options.rename !== undefined) {
        return renameForm(context, options);
    }
    if (options.edit !== undefined) {
        const entry = await context.api.entry(context.organization(), options.edit);
        return entryForm(context, { ...options, draft: entry, editing: true });
    }
    if (options.draft !== undefined) {
        return entryForm(context, options);
    }
    return list(context, options);
}

function list(context, options) {
    const organization = context.organization();
    const filter = h('input', { type: 'search', id: 'entry-filter', autocomplete: 'off', spellcheck: 'false',
        value: options.filter ?? '' });
    const results = h('div', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'true' });
    let page = options.page ?? 0;
    let everything = null;
    let timer;

    const refresh = async () => {
        results.setAttribute('aria-busy', 'true');
        const text = filter.value.trim();
        let items;
        let total;
        let pages;
        if (text === '') {
            const answer = await context.api.entries(organization, page, PAGE_SIZE);
            ({ items } = answer);
            total = answer.totalEntries;
            pages = Math.max(1, answer.totalPages);
        } else {
            everything ??= await allEntries(context.api, organization);
            const matching = filterEntries(everything, text);
            const shown = pageOf(matching, page, PAGE_SIZE);
            ({ items, pages } = shown);
            page = shown.page;
            total = matching.length;
        }
        replace(results, table(context, items, options),
            h('p', { class: 'status' }, `${plural(total, text === '' ? 'entry' : 'matching entry',
                text === '' ? 'entries' : 'matching entries')} · page ${page + 1} of ${pages}`),
            pager(page, pages, (next) => {
                page = next;
                refresh().catch(context.failed);
            }));
        results.setAttribute('aria-busy', 'false');
    };
    filter.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            page = 0;
            refresh().catch(context.failed);
        }, 200);
    });

    replace(context.main, h('section', { class: 'panel', 'aria-labelledby': 'entries-title' },
        h('div', { class: 'title-row' },
            h('h1', { id: 'entries-title' }, 'Vault entries'),
            h('button', { type: 'button', onclick: () => context.go('entries', { draft: {} }) }, 'New entry')),
        notice(context, options.notice, options.returnTo),
        h('form', { class: 'filter', role: 'search', onsubmit: (event) => event.preventDefault() },
            field('Filter', filter, 'Part of a key, type, visibility, resource or JSON path.')),
        results,
        commandsBox(commandsFor('entries', { organization }, context.origin))));
    return refresh();
}

async function allEntries(api, organization) {
    const all = [];
    for (let page = 0; ; page += 1) {
        const answer = await api.entries(organization, page, SCAN_PAGE_SIZE);
        all.push(...answer.items);
        if (page + 1 >= answer.totalPages) {
            return all;
        }
    }
}

function table(context, items, options) {
    if (items.length === 0) {
        return h('p', { class: 'empty' }, 'No vault entry here yet.');
    }
    return h('table', { class: 'entries' },
        h('thead', {}, h('tr', {}, ['Key', 'Type', 'Visibility', 'References', 'Value', 'Actions']
            .map((name) => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, items.map((entry) => row(context, entry, options))));
}

function row(context, entry, options) {
    const keyId = uid('key');
    const act = (label, onclick) => h('button', { type: 'button', class: 'small', 'aria-describedby': keyId, onclick },
        label);
    return h('tr', {},
        h('th', { scope: 'row', class: 'key', id: keyId, 'data-label': 'Key' }, entry.key),
        h('td', { 'data-label': 'Type' }, entry.valueType),
        h('td', { 'data-label': 'Visibility' }, entry.vaultVisibilityType),
        h('td', { 'data-label': 'References' }, references(entry.attributeReferences)),
        h('td', { 'data-label': 'Value' }, valueCell(entry, keyId)),
        h('td', { 'data-label': 'Actions', class: 'actions' },
            act('Edit', () => context.go('entries', { edit: entry.key, returnTo: options.returnTo })),
            act('Rename', () => context.go('entries', { rename: entry.key, returnTo: options.returnTo })),
            act('Delete', () => remove(context, entry.key, options))));
}

function references(list) {
    if (!list || list.length === 0) {
        return h('span', { class: 'muted' }, 'none');
    }
    return h('ul', { class: 'references' }, list.map((reference) => h('li', {},
        h('span', { class: 'tag' }, reference.resourceType), ' ', h('span', {}, reference.resourceName), ' · ',
        h('code', {}, reference.jsonPath))));
}

// Only a PUBLIC entry's value comes back from the API; it stays masked until "Show".
function valueCell(entry, keyId) {
    if (typeof entry.value !== 'string') {
        return h('span', { class: 'muted' }, `not readable (${entry.vaultVisibilityType})`);
    }
    const shown = h('code', { class: 'value masked' }, '••••••••');
    const status = h('span', { class: 'visually-hidden', role: 'status' });
    const toggle = h('button', { type: 'button', class: 'small', 'aria-pressed': 'false', 'aria-describedby': keyId,
        onclick: () => {
            const reveal = toggle.getAttribute('aria-pressed') === 'false';
            toggle.setAttribute('aria-pressed', String(reveal));
            shown.classList.toggle('masked', !reveal);
            replace(shown, reveal ? entry.value : '••••••••');
            replace(toggle, reveal ? 'Hide' : 'Show');
        } }, 'Show');
    const copy = copyButton('Copy', () => entry.value, status);
    copy.setAttribute('aria-describedby', keyId);
    copy.classList.add('small');
    return h('span', { class: 'value-cell' }, shown, toggle, copy, status);
}

function pager(page, pages, to) {
    if (pages <= 1) {
        return null;
    }
    return h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', disabled: page === 0, onclick: () => to(page - 1) }, 'Previous page'),
        h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => to(page + 1) }, 'Next page'));
}

async function remove(context, key, options) {
    if (!(await confirmDialog(`Delete the vault entry ${key}? Its value is lost; this cannot be undone.`, 'Delete'))) {
        return;
    }
    try {
        await context.api.deleteEntry(context.organization(), key);
        context.go('entries', { notice: { text: `Deleted ${key}.` }, returnTo: options.returnTo });
    } catch (error) {
        context.go('entries', { notice: { text: `Not deleted: ${error.message}`, error: true } });
    }
}

// What a save or rename answered: the text, any key.reference_mismatch warning with its one-click rename, and the
// way back to the prerequisite check the entry was created from.
function notice(context, what, returnTo) {
    if (!what && !returnTo) {
        return null;
    }
    const region = h('div', { class: what?.error ? 'notice error' : 'notice', role: 'status', id: 'notice' });
    if (what) {
        region.append(h('p', {}, what.text));
    }
    for (const offer of renamesOffered(what?.warnings)) {
        const problem = h('p', { class: 'form-error', role: 'alert' });
        region.append(h('div', { class: 'warning' },
            h('p', {}, h('strong', {}, 'Warning: '), offer.message),
            h('p', {}, 'The snapshot looks for ', h('code', {}, offer.expectedKey), '.'),
            h('button', { type: 'button', onclick: async () => {
                try {
                    const renamed = await context.api.renameEntry(context.organization(), offer.key, offer.expectedKey);
                    context.go('entries', { returnTo, notice: { text: `Renamed ${offer.key} to ${renamed.key}.`,
                        warnings: renamed.warnings } });
                } catch (error) {
                    replace(problem, error.message);
                }
            } }, 'Rename'),
            problem));
    }
    if (returnTo) {
        region.append(h('button', { type: 'button', class: 'secondary',
            onclick: () => context.go('snapshots', { check: returnTo }) }, 'Back to the check'));
    }
    return region;
}

function select(id, values, chosen) {
    return h('select', { id }, values.map((value) => h('option', { value }, value))
        .map((option) => {
            option.selected = option.value === chosen;
            return option;
        }));
}

function entryForm(context, options) {
    const draft = options.draft ?? {};
    const editing = options.editing === true;
    const key = h('input', { id: 'key', autocomplete: 'off', spellcheck: 'false', value: draft.key ?? '',
        readonly: editing, 'aria-required': 'true' });
    const value = h('input', { id: 'value', type: 'password', autocomplete: 'new-password', spellcheck: 'false',
        value: '', 'aria-required': editing ? 'false' : 'true' });
    const reveal = h('input', { type: 'checkbox', id: 'reveal-value',
        onchange: () => value.setAttribute('type', reveal.checked ? 'text' : 'password') });
    const valueType = select('valueType', VALUE_TYPES, draft.valueType ?? 'STRING');
    const visibility = select('visibility', VISIBILITIES, draft.vaultVisibilityType ?? 'STRICT');
    const referencesBox = h('fieldset', { id: 'references', class: 'references-box' });
    const problem = h('div', { class: 'form-error', role: 'alert', id: 'form-error', tabindex: '-1' });
    let rows = (draft.attributeReferences ?? []).map((reference) => ({ ...reference }));

    const readRows = () => {
        rows = rows.map((_, index) => ({
            resourceType: document.getElementById(`reference-${index}-resourceType`).value.trim(),
            resourceName: document.getElementById(`reference-${index}-resourceName`).value,
            jsonPath: document.getElementById(`reference-${index}-jsonPath`).value,
        }));
    };
    const drawRows = () => {
        replace(referencesBox, h('legend', {}, 'Attribute references'),
            rows.length === 0 ? h('p', { class: 'hint' }, 'None: add the resource and JSON path that use this entry.')
                : null,
            rows.map((reference, index) => h('div', { class: 'reference-row' },
                field('Resource type', h('input', { id: `reference-${index}-resourceType`, list: 'resource-types',
                    autocomplete: 'off', value: reference.resourceType ?? 'SOURCE' })),
                field('Resource name', h('input', { id: `reference-${index}-resourceName`, autocomplete: 'off',
                    spellcheck: 'false', value: reference.resourceName ?? '' })),
                field('JSON path', h('input', { id: `reference-${index}-jsonPath`, autocomplete: 'off',
                    spellcheck: 'false', value: reference.jsonPath ?? '' })),
                h('button', { type: 'button', class: 'small secondary', 'aria-label': `Remove reference ${index + 1}`,
                    onclick: () => {
                        readRows();
                        rows.splice(index, 1);
                        drawRows();
                    } }, 'Remove'))),
            h('datalist', { id: 'resource-types' }, RESOURCE_TYPES.map((type) => h('option', { value: type }))),
            h('button', { type: 'button', class: 'secondary', onclick: () => {
                readRows();
                rows.push({ resourceType: 'SOURCE', resourceName: '', jsonPath: '' });
                drawRows();
                document.getElementById(`reference-${rows.length - 1}-resourceName`).focus();
            } }, 'Add reference'),
            h('p', { class: 'field-error', id: 'references-error', hidden: true }));
    };
    drawRows();

    const submit = async (event) => {
        event.preventDefault();
        readRows();
        const body = {
            key: key.value,
            valueType: valueType.value,
            vaultVisibilityType: visibility.value,
            attributeReferences: rows,
        };
        if (!editing || value.value !== '') {
            body.value = value.value;
        }
        for (const control of form.querySelectorAll('input, select')) {
            showErrors(control, []);
        }
        replace(problem);
        const organization = context.organization();
        try {
            const saved = editing ? await context.api.updateEntry(organization, draft.key, body)
                : await context.api.createEntry(organization, body);
            value.value = '';
            context.go('entries', { returnTo: options.returnTo, notice: {
                text: `${editing ? 'Saved' : 'Created'} ${saved.key} in ${organization}.`, warnings: saved.warnings } });
        } catch (error) {
            showProblem(form, problem, error);
        }
    };

    const title = editing ? `Edit ${draft.key}` : 'New vault entry';
    const commands = h('div', {});
    const form = h('form', { class: 'panel entry-form', novalidate: true, 'aria-labelledby': 'form-title',
        onsubmit: submit },
    h('h1', { id: 'form-title' }, title),
    options.returnTo ? h('p', { class: 'hint' }, 'Pre-filled from the prerequisite check of ', h('code', {},
        options.returnTo), '.') : null,
    problem,
    field('Key', key, editing ? 'Use Rename to change the key.' : null),
    field('Value', value, editing ? 'Leave empty to keep the stored value.'
        : 'Never shown again unless the visibility is PUBLIC.'),
    h('div', { class: 'inline' }, reveal, h('label', { for: 'reveal-value' }, 'Show the value while typing')),
    h('div', { class: 'pair' }, field('Value type', valueType), field('Visibility', visibility)),
    referencesBox,
    h('div', { class: 'actions' },
        h('button', { type: 'submit' }, editing ? 'Save' : 'Create'),
        h('button', { type: 'button', class: 'secondary', onclick: () => back(context, options) }, 'Cancel')),
    commands);
    const drawCommands = () => {
        readRows();
        replace(commands, editing ? null : commandsBox(commandsFor('create', { organization: context.organization(),
            key: key.value, valueType: valueType.value, visibility: visibility.value, attributeReferences: rows },
        context.origin)));
    };
    form.addEventListener('change', drawCommands);
    replace(context.main, form);
    drawCommands();
    (editing ? value : key).focus();
}

function back(context, options) {
    if (options.returnTo) {
        context.go('snapshots', { check: options.returnTo });
    } else {
        context.go('entries', {});
    }
}

// Violations go beside their fields; whatever has no field goes above the form.
function showProblem(form, problem, error) {
    if (error.status === 401) {
        return;
    }
    const groups = groupViolations(error.violations);
    const general = [];
    for (const [control, messages] of groups) {
        const element = form.querySelector(`#${CSS.escape(control)}`);
        if (control === 'form' || !element) {
            general.push(...messages);
        } else if (element.tagName === 'FIELDSET') {
            const slot = document.getElementById(`${control}-error`);
            slot.hidden = false;
            replace(slot, messages.join(' '));
        } else {
            showErrors(element, messages);
        }
    }
    replace(problem, groups.size > 0 ? 'The entry was not saved: see the fields marked below.' : error.message,
        general.length > 0 ? h('ul', {}, general.map((message) => h('li', {}, message))) : null);
    const first = form.querySelector('[aria-invalid="true"]');
    (first ?? problem).focus?.();
}

function renameForm(context, options) {
    const newKey = h('input', { id: 'newKey', autocomplete: 'off', spellcheck: 'false', value: options.rename });
    const commands = h('div', {});
    const problem = h('div', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'rename-title',
        onsubmit: async (event) => {
            event.preventDefault();
            showErrors(newKey, []);
            replace(problem);
            try {
                const renamed = await context.api.renameEntry(context.organization(), options.rename, newKey.value);
                context.go('entries', { returnTo: options.returnTo, notice: {
                    text: `Renamed ${options.rename} to ${renamed.key}.`, warnings: renamed.warnings } });
            } catch (error) {
                showProblem(form, problem, error);
            }
        } },
    h('h1', { id: 'rename-title' }, 'Rename a vault entry'),
    h('p', {}, 'Renaming ', h('code', {}, options.rename), ' keeps its value, type, visibility and references.'),
    problem,
    field('New key', newKey),
    h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Rename'),
        h('button', { type: 'button', class: 'secondary', onclick: () => back(context, options) }, 'Cancel')),
    commands);
    const drawCommands = () => replace(commands, commandsBox(commandsFor('rename', { organization: context.organization(),
        key: options.rename, newKey: newKey.value }, context.origin)));
    newKey.addEventListener('input', drawCommands);
    drawCommands();
    replace(context.main, form);
    newKey.focus();
}
