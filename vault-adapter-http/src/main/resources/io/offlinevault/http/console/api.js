// The API's routes as the console calls them: same origin, bearer token from the session, JSON in and out.
// A 401 anywhere calls onUnauthorized (the console then asks for a token again). No DOM here: Node tests it.

/** An error answer of the API: status, errorCode, message and the violations of a 400. */
export class ApiError extends Error {
    constructor(status, body) {
        super(typeof body?.message === 'string' ? body.message : `The server answered ${status}.`);
        this.name = 'ApiError';
        this.status = status;
        this.code = typeof body?.errorCode === 'string' ? body.errorCode : '';
        this.violations = Array.isArray(body?.violations) ? body.violations : [];
        this.requestId = typeof body?.requestID === 'string' ? body.requestID : '';
        this.body = body ?? {};
    }
}

/** {@return the query string of the defined values of `query`, with a leading '?', or ''} */
export function queryString(query = {}) {
    const parts = Object.entries(query)
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** {@return the path of an organization's routes} Organization ids and keys always go percent-encoded. */
export function organizationPath(organization) {
    return `/rest/organizations/${encodeURIComponent(organization)}`;
}

export function entryPath(organization, key) {
    return `${organizationPath(organization)}/vaultentries/${encodeURIComponent(key)}`;
}

async function readError(response) {
    try {
        return await response.json();
    } catch {
        return {};
    }
}

/**
 * {@return the API client} `fetchImpl` is `fetch`; `token()` the current token; `onUnauthorized()` runs on any
 * 401 before the call fails.
 */
export function createApi({ fetchImpl, token, onUnauthorized = () => {}, xhrImpl = globalThis.XMLHttpRequest }) {
    async function call(method, path, { query, json, body, contentType, binary = false } = {}) {
        const headers = { Authorization: `Bearer ${token()}`, Accept: 'application/json' };
        let payload;
        if (json !== undefined) {
            headers['Content-Type'] = 'application/json';
            payload = JSON.stringify(json);
        } else if (body !== undefined) {
            headers['Content-Type'] = contentType;
            payload = body;
        }
        const response = await fetchImpl(path + queryString(query), {
            method, headers, body: payload, cache: 'no-store', credentials: 'omit', redirect: 'error',
        });
        if (!response.ok) {
            const error = new ApiError(response.status, await readError(response));
            if (response.status === 401) {
                onUnauthorized(error);
            }
            throw error;
        }
        if (binary) {
            return response.arrayBuffer();
        }
        return response.status === 204 ? null : response.json();
    }

    const org = organizationPath;
    return {
        organizations: () => call('GET', '/rest/organizations'),
        entries: (o, page, pageSize) => call('GET', `${org(o)}/vaultentries`, { query: { page, pageSize } }),
        entry: (o, key) => call('GET', entryPath(o, key)),
        createEntry: (o, draft) => call('POST', `${org(o)}/vaultentries`, { json: draft }),
        updateEntry: (o, key, draft) => call('PUT', entryPath(o, key), { json: draft }),
        renameEntry: (o, key, newKey) => call('POST', `${entryPath(o, key)}/rename`, { json: { newKey } }),
        deleteEntry: (o, key) => call('DELETE', entryPath(o, key)),
        snapshots: (o) => call('GET', `${org(o)}/snapshots`),
        snapshotContent: (o, id) => call('GET', `${org(o)}/snapshots/${encodeURIComponent(id)}/content`,
            { binary: true }),
        checkSnapshot: (o, zip) => call('POST', `${org(o)}/snapshots/check`,
            { body: zip, contentType: 'application/zip' }),
        deleteSnapshot: (o, id) => call('DELETE', `${org(o)}/snapshots/${encodeURIComponent(id)}`),
        dryRun: (o, id) => call('PUT', `${org(o)}/snapshots/${encodeURIComponent(id)}/dryrun`, { json: {} }),
        apply: (o, id) => call('PUT', `${org(o)}/snapshots/${encodeURIComponent(id)}/apply`, { json: {} }),
        importEntries: (o, { snapshotId, from, strategy, dryRun }) => call('PUT', `${org(o)}/vaultentries/fetch`,
            { query: { referenceSnapshotId: snapshotId, sourceOrganizationId: from, fetchStrategy: strategy,
                dryRun: dryRun ? 'true' : undefined } }),
        tokens: () => call('GET', '/_offline-vault/tokens'),
        createToken: (grant) => call('POST', '/_offline-vault/tokens', { json: grant }),
        revokeToken: (name) => call('DELETE', `/_offline-vault/tokens/${encodeURIComponent(name)}`),
        uploadSnapshot: (o, file, { fileType, note, onProgress }) => new Promise((resolve, reject) => {
            // XMLHttpRequest, not fetch: only it reports the upload's progress.
            const request = new xhrImpl();
            request.open('POST', `${org(o)}/snapshots/file${queryString({ snapshotFileType: fileType,
                developerNotes: note })}`);
            request.setRequestHeader('Authorization', `Bearer ${token()}`);
            request.setRequestHeader('Content-Type', fileType === 'ZIP' ? 'application/zip' : 'application/json');
            request.upload.onprogress = (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : 0);
            request.onerror = () => reject(new ApiError(0, { message: 'The upload did not reach the server.' }));
            request.onload = () => {
                let body = {};
                try {
                    body = JSON.parse(request.responseText);
                } catch {
                    body = {};
                }
                if (request.status === 201) {
                    resolve(body);
                    return;
                }
                const error = new ApiError(request.status, body);
                if (request.status === 401) {
                    onUnauthorized(error);
                }
                reject(error);
            };
            request.send(file);
        }),
    };
}
