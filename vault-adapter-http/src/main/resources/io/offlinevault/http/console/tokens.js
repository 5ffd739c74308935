// The tokens view, for an admin token only (the admin routes of API.md 6): list, create (the value shown once, with
// copy), revoke after a confirmation, with LAST_ADMIN_TOKEN explained.
import { commandsFor } from './commands.js';
import { commandsBox, confirmDialog, copyButton, field, h, replace, showErrors } from './dom.js';
import { utc } from './format.js';

const PRIVILEGES = ['VAULT_ENTRY:VIEW', 'VAULT_ENTRY:EDIT', 'VAULT_ENTRY:CREATE', 'SNAPSHOTS:VIEW', 'SNAPSHOTS:EDIT',
    'SNAPSHOTS:CREATE'];

/** Shows the server's tokens; `options.created` is a token just created, whose value is shown this once. */
export async function showTokens(context, options = {}) {
    const tokens = await context.api.tokens();
    const notice = h('div', { class: 'notice-slot' });
    if (options.created) {
        const status = h('span', { role: 'status' });
        replace(notice, h('div', { class: 'notice', id: 'token-created' },
            h('p', {}, `Created the token ${options.created.name}. Copy its value now: it is shown this once.`),
            h('pre', {}, h('code', { id: 'token-value' }, options.created.value)),
            copyButton('Copy', () => options.created.value, status, 'Copy the token value'), status));
    } else if (options.notice) {
        replace(notice, h('p', { class: options.error ? 'notice error' : 'notice', role: 'status' }, options.notice));
    }
    replace(context.main,
        h('section', { class: 'panel', 'aria-labelledby': 'tokens-title' },
            h('h1', { id: 'tokens-title' }, 'Tokens'),
            notice,
            h('table', { class: 'tokens' },
                h('thead', {}, h('tr', {}, ['Name', 'Privileges', 'Organizations', 'Created', 'Actions']
                    .map((name) => h('th', { scope: 'col' }, name)))),
                h('tbody', {}, tokens.map((token) => h('tr', {},
                    h('th', { scope: 'row', 'data-label': 'Name', id: `token-${token.name}` }, token.name),
                    h('td', { 'data-label': 'Privileges' }, (token.privileges ?? []).join(', ')),
                    h('td', { 'data-label': 'Organizations' }, token.allOrganizations ? 'all'
                        : (token.organizations ?? []).join(', ')),
                    h('td', { 'data-label': 'Created' }, utc(token.createdDate)),
                    h('td', { 'data-label': 'Actions', class: 'actions' }, h('button', { type: 'button', class: 'small',
                        'aria-describedby': `token-${token.name}`, onclick: () => revoke(context, token.name) },
                    'Revoke')))))),
            commandsBox(commandsFor('tokens', {}, context.origin))),
        createForm(context));
}

async function revoke(context, name) {
    if (!(await confirmDialog(`Revoke the token ${name}? Every client using it gets 401 from now on.`, 'Revoke'))) {
        return;
    }
    try {
        await context.api.revokeToken(name);
        context.go('tokens', { notice: `Revoked ${name}.` });
    } catch (error) {
        if (error.status === 401) {
            return;
        }
        const why = error.code === 'LAST_ADMIN_TOKEN'
            ? `${name} is the last token with every privilege in every organization (LAST_ADMIN_TOKEN): revoking it`
                + ' would leave nobody able to manage tokens. Create another admin token first, then revoke this one.'
            : error.message;
        context.go('tokens', { notice: `Not revoked: ${why}`, error: true });
    }
}

function createForm(context) {
    const name = h('input', { id: 'token-name', autocomplete: 'off', spellcheck: 'false' });
    const all = h('input', { type: 'checkbox', id: 'token-all' });
    const organizations = h('input', { id: 'token-organizations', autocomplete: 'off', spellcheck: 'false',
        value: context.organization() });
    const boxes = PRIVILEGES.map((privilege) => h('input', { type: 'checkbox', id: `privilege-${privilege}`,
        value: privilege }));
    const problem = h('div', { class: 'form-error', role: 'alert' });
    const grant = () => {
        const chosen = {
            name: name.value.trim(),
            privileges: boxes.filter((box) => box.checked).map((box) => box.value),
        };
        if (all.checked) {
            chosen.allOrganizations = true;
        } else {
            chosen.organizations = organizations.value.split(/[\s,]+/).filter(Boolean);
        }
        return chosen;
    };
    const commands = h('div', {});
    const drawCommands = () => replace(commands, commandsBox(commandsFor('create-token', grant(), context.origin)));
    const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'create-token-title',
        oninput: drawCommands, onchange: drawCommands, onsubmit: async (event) => {
            event.preventDefault();
            replace(problem);
            showErrors(name, []);
            try {
                const created = await context.api.createToken(grant());
                context.go('tokens', { created: { name: created.name, value: created.value } });
            } catch (error) {
                if (error.status !== 401) {
                    replace(problem, error.message);
                }
            }
        } },
    h('h2', { id: 'create-token-title' }, 'Create a token'),
    problem,
    field('Name', name, '1 to 64 letters, digits, ., _, @ or -.'),
    h('fieldset', {}, h('legend', {}, 'Privileges'), boxes.map((box) => h('div', { class: 'inline' }, box,
        h('label', { for: box.id }, box.value)))),
    h('div', { class: 'inline' }, all, h('label', { for: 'token-all' }, 'All organizations')),
    field('Organizations', organizations, 'Organization ids, separated by commas or spaces.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create token')),
    commands);
    drawCommands();
    return form;
}
