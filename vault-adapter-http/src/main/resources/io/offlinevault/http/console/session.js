// What the console remembers for one browser tab: the token and the organization, in sessionStorage only (never
// localStorage, never a URL). Sign out forgets both. `storage` is injected so that Node can test this.

const TOKEN = 'offline-vault.token';
const ORGANIZATION = 'offline-vault.organization';

/** {@return the session kept in `storage` (the tab's sessionStorage)} */
export function createSession(storage) {
    return {
        token: () => storage.getItem(TOKEN) ?? '',
        signedIn: () => (storage.getItem(TOKEN) ?? '') !== '',
        signIn(token) {
            const trimmed = String(token).trim();
            if (trimmed === '') {
                throw new Error('Paste a token.');
            }
            storage.setItem(TOKEN, trimmed);
        },
        signOut() {
            storage.removeItem(TOKEN);
            storage.removeItem(ORGANIZATION);
        },
        organization: () => storage.getItem(ORGANIZATION) ?? '',
        useOrganization(id) {
            storage.setItem(ORGANIZATION, id);
        },
    };
}

/** {@return whether `id` is an organization id (API.md 5)} */
export function isOrganizationId(id) {
    return /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(id);
}
