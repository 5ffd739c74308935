// The console's entry point: sign in, the header (organization switcher, views, sign out), and which view shows.
import { createApi } from './api.js';
import { h, replace } from './dom.js';
import { createSession, isOrganizationId } from './session.js';

const session = createSession(window.sessionStorage);
const main = document.getElementById('main');
const tools = document.getElementById('header-tools');
// Each view's module loads on first use, so that signing in waits for none of them.
const VIEWS = [['entries', 'Vault entries', () => import('./entries.js').then((module) => module.showEntries)],
    ['snapshots', 'Snapshots', () => import('./snapshots.js').then((module) => module.showSnapshots)],
    ['tokens', 'Tokens', () => import('./tokens.js').then((module) => module.showTokens)]];

let current = { view: 'entries', options: {} };
let organizations = [];
let admin = false;

const api = createApi({
    fetchImpl: (url, init) => window.fetch(url, init),
    token: () => session.token(),
    onUnauthorized: () => {
        session.signOut();
        signIn('The server refused the token (401). Sign in again.');
    },
});

const context = {
    api,
    main,
    organization: () => session.organization(),
    origin: window.location.origin,
    go,
    failed: (error) => failed(error),
};

// The sign-in form is the page's own (index.html); a copy of it comes back after sign out or a 401.
const signInForm = document.getElementById('signin');
const signInTemplate = signInForm.cloneNode(true);

function signIn(message, form = signInTemplate.cloneNode(true)) {
    replace(tools);
    const token = form.querySelector('#token');
    const status = form.querySelector('#signin-status');
    const submit = form.querySelector('button[type="submit"]');
    replace(status, message ?? '');
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        replace(status);
        try {
            session.signIn(token.value);
        } catch (error) {
            replace(status, error.message);
            return;
        }
        submit.disabled = true;
        try {
            await start();
        } catch (error) {
            if (error.status !== 401) {
                session.signOut();
                replace(status, `The server could not be reached or refused the request: ${error.message}`);
            }
        } finally {
            submit.disabled = false;
        }
    });
    if (form !== signInForm) {
        replace(main, form);
    }
    token.focus();
}

async function start() {
    organizations = (await api.organizations()).map((organization) => organization.id);
    // The tokens view is for an admin token only: the admin routes answer 403 to any other.
    admin = await api.tokens().then(() => true, (error) => {
        if (error.status === 401) {
            throw error;
        }
        return false;
    });
    if (!organizations.includes(session.organization()) && !isOrganizationId(session.organization())) {
        session.useOrganization(organizations[0] ?? '');
    }
    header();
    go(current.view, current.options);
}

function header() {
    const list = h('datalist', { id: 'organizations' }, organizations.map((id) => h('option', { value: id })));
    const organization = h('input', { id: 'organization', list: 'organizations', autocomplete: 'off',
        spellcheck: 'false', value: session.organization(), placeholder: 'organization id' });
    const problem = h('p', { class: 'form-error', role: 'alert', id: 'organization-error' });
    const choose = (event) => {
        event?.preventDefault();
        const id = organization.value.trim();
        if (!isOrganizationId(id)) {
            replace(problem, 'An organization id is 1 to 128 letters, digits, _ or -.');
            organization.setAttribute('aria-invalid', 'true');
            return;
        }
        organization.removeAttribute('aria-invalid');
        replace(problem);
        if (id !== session.organization()) {
            session.useOrganization(id);
            go(current.view, {});
        }
    };
    organization.addEventListener('change', choose);
    const shown = VIEWS.filter(([view]) => view !== 'tokens' || admin);
    const nav = h('nav', { 'aria-label': 'Views' }, shown.map(([view, label]) => h('button', {
        type: 'button', 'data-view': view, onclick: () => go(view, {}),
    }, label)));
    replace(tools,
        h('form', { class: 'switcher', onsubmit: choose },
            h('label', { for: 'organization' }, 'Organization'), organization, list, problem),
        nav,
        h('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'));
}

function signOut() {
    session.signOut();
    current = { view: 'entries', options: {} };
    signIn('Signed out.');
}

function go(view, options = {}) {
    current = { view, options };
    for (const button of tools.querySelectorAll('nav button')) {
        if (button.dataset.view === view) {
            button.setAttribute('aria-current', 'page');
        } else {
            button.removeAttribute('aria-current');
        }
    }
    if (session.organization() === '' && view !== 'tokens') {
        replace(main, h('section', { class: 'panel' }, h('h1', {}, 'Choose an organization'),
            h('p', {}, 'This token sees no organization with data yet. Type an organization id in the Organization'
                + ' field above: organizations exist as soon as they hold an entry or a snapshot.')));
        return;
    }
    const [, , load] = VIEWS.find(([name]) => name === view && (name !== 'tokens' || admin)) ?? VIEWS[0];
    load().then((show) => show(context, options)).catch(failed);
}

function failed(error) {
    if (error?.status === 401) {
        return;
    }
    replace(main, h('section', { class: 'panel' }, h('h1', {}, 'Something went wrong'),
        h('p', { role: 'alert' }, error?.message ?? String(error))));
}

if (session.signedIn()) {
    replace(main, h('p', { class: 'loading' }, 'Loading the console…'));
    start().catch((error) => {
        if (error?.status !== 401) {
            failed(error);
        }
    });
} else {
    signIn(undefined, signInForm);
}
