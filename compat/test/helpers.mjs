// Assertions shared by the compatibility tests: the response conventions of API.md section 1, seen
// through raw fetch and through platform-client's error object.
import assert from 'node:assert/strict';
import { CoveoPlatformClientError } from '@coveo/platform-client';

/** Checks the headers API.md section 1 puts on every response. */
export function assertCommonHeaders(headers) {
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.match(headers.get('x-request-id') ?? '', /\S/);
}

/** Checks a raw JSON error response: status, code, message, and the request id in body and header. */
export function assertRawError(response, status, errorCode) {
    assert.equal(response.status, status, response.text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/);
    assertCommonHeaders(response.headers);
    const body = response.json();
    assert.equal(body.errorCode, errorCode);
    assert.equal(typeof body.message, 'string');
    assert.notEqual(body.message, '');
    assert.equal(body.requestID, response.headers.get('x-request-id'));
    return body;
}

/**
 * Awaits a call that must fail and checks it the way a platform-client user sees it: a
 * CoveoPlatformClientError whose `status`, `title` (the errorCode), `detail` (the message) and
 * `xRequestId` (the X-Request-ID header, equal to the body's requestID) are filled in.
 */
export async function rejectsWith(promise, status, errorCode) {
    let caught;
    await assert.rejects(promise, (error) => {
        caught = error;
        return true;
    });
    assert.ok(
        caught instanceof CoveoPlatformClientError,
        `expected a CoveoPlatformClientError, got ${caught?.constructor?.name}: ${caught?.message}`,
    );
    assert.equal(caught.status, status, `status of ${errorCode}: ${caught.detail}`);
    assert.equal(caught.title, errorCode);
    assert.equal(caught.errorCode, errorCode);
    assert.equal(typeof caught.detail, 'string');
    assert.ok(caught.detail !== '' && caught.detail !== 'unknown', `detail: ${caught.detail}`);
    assert.ok(caught.xRequestId !== '' && caught.xRequestId !== 'unknown', `xRequestId: ${caught.xRequestId}`);
    assert.equal(caught.requestID, caught.xRequestId);
    return caught;
}
