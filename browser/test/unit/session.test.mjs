import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './modules.mjs';

const { createSession, isOrganizationId } = await load('session.js');

function memoryStorage() {
    const map = new Map();
    return {
        map,
        getItem: (name) => (map.has(name) ? map.get(name) : null),
        setItem: (name, value) => map.set(name, String(value)),
        removeItem: (name) => map.delete(name),
    };
}

test('signing in keeps the trimmed token; signing out forgets token and organization', () => {
    const storage = memoryStorage();
    const session = createSession(storage);
    assert.equal(session.signedIn(), false);
    session.signIn('  ovt_abc \n');
    session.useOrganization('acme');
    assert.equal(session.token(), 'ovt_abc');
    assert.equal(session.organization(), 'acme');
    session.signOut();
    assert.equal(session.signedIn(), false);
    assert.equal(storage.map.size, 0);
});

test('an empty token is refused and nothing is stored', () => {
    const storage = memoryStorage();
    assert.throws(() => createSession(storage).signIn('   '), /Paste a token/);
    assert.equal(storage.map.size, 0);
});

test('organization ids follow API.md 5', () => {
    assert.ok(isOrganizationId('acme-prod_1'));
    assert.ok(!isOrganizationId(''));
    assert.ok(!isOrganizationId('-acme'));
    assert.ok(!isOrganizationId('a b'));
    assert.ok(!isOrganizationId('a'.repeat(129)));
});
