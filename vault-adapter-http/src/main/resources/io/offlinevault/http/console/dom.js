// Builds the page from elements and text nodes only: a string from the API always becomes text, never markup
// (no innerHTML anywhere in the console).

/**
 * {@return a new element} `props`: `on<event>` adds a listener, `class` the class, `value`/`checked`/`disabled`
 * set the property, any other name an attribute (true = present, false/null/undefined = absent). Children are
 * nodes or strings (as text), nested arrays flattened, null and false skipped.
 */
export function h(tag, props = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(props ?? {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'class') {
            element.className = value;
        } else if (name === 'value' || name === 'checked' || name === 'disabled') {
            element[name] = value;
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

/** Appends children as {@link h} does. */
export function append(element, children) {
    for (const child of [children].flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : String(child));
    }
    return element;
}

/** Replaces every child of `element` with `children`. */
export function replace(element, ...children) {
    element.replaceChildren();
    return append(element, children);
}

let ids = 0;

/** {@return a new element id, unique in the page} */
export function uid(prefix) {
    ids += 1;
    return `${prefix}-${ids}`;
}

/** {@return a labelled field: label, control, and the place its errors go (aria-describedby)} */
export function field(label, control, hint) {
    const id = control.id || uid('field');
    control.id = id;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
    control.setAttribute('aria-describedby', described);
    return h('div', { class: 'field' },
        h('label', { for: id }, label),
        control,
        hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
        error);
}

/** Shows `messages` (strings) as the errors of a control built by {@link field}, or clears them. */
export function showErrors(control, messages) {
    const error = document.getElementById(`${control.id}-error`);
    const list = messages ?? [];
    if (list.length > 0) {
        control.setAttribute('aria-invalid', 'true');
    } else {
        control.removeAttribute('aria-invalid');
    }
    if (error) {
        error.hidden = list.length === 0;
        replace(error, list.join(' '));
    }
}

/**
 * Asks a yes-or-no question in a modal `<dialog>` (never `window.confirm`); {@return a promise of whether the user
 * chose `yes`}
 */
export function confirmDialog(question, yes) {
    return new Promise((resolve) => {
        const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-question' },
            h('p', { id: 'confirm-question' }, question));
        const close = (answer) => {
            dialog.close();
            dialog.remove();
            resolve(answer);
        };
        dialog.append(h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'danger', onclick: () => close(true) }, yes),
            h('button', { type: 'button', onclick: () => close(false) }, 'Cancel')));
        dialog.addEventListener('cancel', (event) => {
            event.preventDefault();
            close(false);
        });
        document.body.append(dialog);
        dialog.showModal();
    });
}

/** {@return a button that copies `text()` to the clipboard and says so in `status`} */
export function copyButton(label, text, status, accessibleName) {
    return h('button', {
        type: 'button',
        'aria-label': accessibleName,
        onclick: async () => {
            try {
                await navigator.clipboard.writeText(text());
                say(status, 'Copied.');
            } catch {
                say(status, 'Copying needs a secure context (localhost or HTTPS); select the text instead.');
            }
        },
    }, label);
}

/** Puts `message` in a live region. */
export function say(region, message) {
    if (region) {
        replace(region, message);
    }
}

/** {@return the "command behind this view" box: each line with its copy button; null for none} */
export function commandsBox(commands) {
    if (!commands || commands.length === 0) {
        return null;
    }
    const status = h('span', { class: 'visually-hidden', role: 'status' });
    return h('details', { class: 'commands' },
        h('summary', {}, 'The command behind this view'),
        commands.map((command) => h('div', { class: 'command' },
            h('pre', {}, h('code', { 'data-tool': command.tool }, command.line)),
            copyButton('Copy', () => command.line, status, `Copy the ${command.tool} command`))),
        h('p', { class: 'hint' }, 'Export OFFLINE_VAULT_TOKEN first. A value goes in a file or on standard input,'
            + ' never on the command line; offline-vault works on the data directory while no server holds it.'),
        status);
}
