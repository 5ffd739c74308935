// The seed's whole story through the real @coveo/platform-client, as the Coveo CLI drives it: a snapshot
// from an origin organization references vault entries that the destination lacks; upload it (JSON and
// ZIP, as Node Blobs), wait for the CREATE_SNAPSHOT report, list the missing entries, dry run, import
// them from the origin with each fetch strategy, apply, apply again (no changes), export, delete.
// The contract is ../shared/design/API.md sections 2.4 and 3.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
    ApplyOptionsDeletionScope,
    PlatformClient,
    ResourceSnapshotType,
    ResourceSnapshotsReportResultCode,
    ResourceSnapshotsReportStatus,
    ResourceSnapshotsReportType,
    SnapshotAccessType,
    SnapshotExportContentFormat,
    VaultFetchStrategy,
} from '@coveo/platform-client';
import { assertCommonHeaders, assertRawError, rejectsWith } from './helpers.mjs';
import { startServer } from './server.mjs';
import { unzip, zip } from './zip.mjs';

const DESTINATION = 'compatdest';
const ORIGIN = 'compatorigin';
const FIXTURE = fileURLToPath(new URL('./fixtures/snapshot-content-with-vault-placeholders.json', import.meta.url));

const SOURCE_NAME = 'helpcenter_Qm7xK2';
const SECRET_KEY = 'helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value';
const PASSWORD_KEY = 'helpcenter_Qm7xK2-configuration.userIdentities.UserIdentity.password';
// Document order: the SOURCE model depth-first meets `parameters` before `userIdentities`.
const MISSING_KEYS = [SECRET_KEY, PASSWORD_KEY];
// Folds to the same form as SECRET_KEY (case only), so it is the secret's one similar key.
const LOOK_ALIKE_KEY = 'helpcenter_qm7xk2-configuration.parameters.clientsecret.value';

const TYPES = ['EXTENSION', 'FIELD', 'MAPPING', 'SOURCE'];
const SUMMARY = { EXTENSION: 1, FIELD: 1, MAPPING: 1, SOURCE: 1 };
const COUNTERS = [
    'resourcesCreated',
    'resourcesUpdated',
    'resourcesRecreated',
    'resourcesDeleted',
    'resourcesInError',
    'resourcesUnchanged',
];
const DRY_RUN_STAGES = ['INITIAL_PROCESSING', 'SYNCHRONIZING', 'COMPUTING_OPERATIONS', 'VALIDATING_OPERATIONS'];
const APPLY_STAGES = [...DRY_RUN_STAGES, 'PERFORMING_OPERATIONS'];
const KNOWN_TYPES = [
    'CATALOG', 'CATALOG_CONFIG', 'EXTENSION', 'FEATURED_RESULT', 'FIELD', 'FILTER',
    'INSIGHT_PANEL_CONFIGURATION', 'INSIGHT_PANEL_INTERFACE', 'LISTING_PAGE', 'MAPPING', 'ML_MODEL',
    'ML_MODEL_ASSOCIATION', 'QUERY_PARAMETER', 'QUERY_PIPELINE', 'QUERY_PIPELINE_CONDITION',
    'RANKING_EXPRESSION', 'RANKING_WEIGHT', 'RESULT_RANKING', 'SEARCH_PAGE', 'SECURITY_PROVIDER', 'SETTING',
    'SOURCE', 'STATEMENT_GROUP', 'STOP_WORD', 'STOREFRONT_ASSOCIATION', 'SUBSCRIPTION', 'THESAURUS',
    'TRACKING_ID', 'TRIGGER',
];

// The Coveo CLI's SnapshotReporter pattern for a missing vault entry (snapshotReporter.ts).
const MISSING_VAULT_ENTRY = /^The vault entry referenced by \{\{ VAULT\.(.*) \}\} could not be found in the vault\.$/;
// The Coveo CLI polls every second for up to a minute; the server's work is synchronous, so a few
// short polls are plenty and a hang fails fast.
const POLL_ATTEMPTS = 20;
const POLL_INTERVAL_MS = 50;

const sentValues = new Set();
function secret(label) {
    const value = `compat-snapshot-${label}-${randomBytes(6).toString('hex')}`;
    sentValues.add(value);
    return value;
}

let server;
let fixtureText;
let fixture;

before(async () => {
    fixtureText = await readFile(FIXTURE, 'utf8');
    fixture = JSON.parse(fixtureText);
    server = await startServer();
});

after(async () => {
    if (server && process.env.COMPAT_SERVER_LOG === '1') {
        process.stderr.write(`${server.output()}\n`);
    }
    await server?.stop();
});

function clientFor(organizationId) {
    return new PlatformClient({ host: server.baseUrl, organizationId, accessToken: server.adminToken });
}

async function raw(method, path, { json, body, headers = {} } = {}) {
    const init = { method, headers: { Authorization: `Bearer ${server.adminToken}`, ...headers } };
    if (json !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(json);
    } else if (body !== undefined) {
        init.body = body;
    }
    const response = await fetch(`${server.baseUrl}${path}`, init);
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: response.status, headers: response.headers, bytes, text, json: () => JSON.parse(text) };
}

function entryPath(organizationId, key) {
    return `/rest/organizations/${organizationId}/vaultentries/${encodeURIComponent(key)}`;
}

/** The example as a ZIP with one content document per resource type, under a folder, as a CLI project holds it. */
function fixtureZip() {
    const entries = [{ name: 'resources/' }];
    for (const type of Object.keys(fixture.resources)) {
        const document = { metadata: fixture.metadata, resources: { [type]: fixture.resources[type] } };
        entries.push({ name: `resources/${type}.json`, data: JSON.stringify(document, null, 2) });
    }
    return zip(entries);
}

/** The Coveo CLI's `Snapshot.latestReport`: the report with the greatest updatedDate. */
function latestReport(model) {
    assert.ok(Array.isArray(model.reports) && model.reports.length > 0, `no report in ${JSON.stringify(model)}`);
    return [...model.reports].sort((a, b) => b.updatedDate - a.updatedDate)[0];
}

/**
 * The Coveo CLI's `Snapshot.waitUntilDone`: refreshes the model with its reports until the latest
 * report is of the expected type and no longer PENDING or IN_PROGRESS; bounded.
 */
async function waitUntilDone(client, snapshotId, type) {
    let model;
    for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt++) {
        model = await client.resourceSnapshot.get(snapshotId, { includeReports: true });
        const report = latestReport(model);
        const ongoing = [ResourceSnapshotsReportStatus.Pending, ResourceSnapshotsReportStatus.InProgress];
        if (report.type === type && !ongoing.includes(report.status)) {
            return model;
        }
        await sleep(POLL_INTERVAL_MS);
    }
    assert.fail(`the ${type} report of ${snapshotId} did not settle: ${JSON.stringify(latestReport(model))}`);
}

/** The Coveo CLI's SnapshotReporter.getOperationTypeTotalCount. */
function total(report, counter) {
    return Object.values(report.resourceOperations).reduce((sum, operations) => sum + operations[counter], 0);
}

/** The missing keys the Coveo CLI would find in a report: INVALID_PLACEHOLDER items parsed with its pattern. */
function missingKeysParsedLikeTheCli(report) {
    const found = [];
    for (const [resourceType, byName] of Object.entries(report.resourceOperationResults)) {
        for (const [resourceName, items] of Object.entries(byName)) {
            for (const item of items) {
                if (item.resultCode === 'INVALID_PLACEHOLDER') {
                    const match = MISSING_VAULT_ENTRY.exec(item.message);
                    assert.ok(match, `the Coveo CLI pattern does not match: ${item.message}`);
                    found.push({ resourceType, resourceName, key: match[1], item });
                }
            }
        }
    }
    return found;
}

/** Checks the report fields of API.md section 3 that every DRY_RUN or APPLY report has. */
function assertOperationReport(report, type) {
    assert.equal(report.type, type);
    assert.equal(report.status, ResourceSnapshotsReportStatus.Completed);
    assert.match(report.id, new RegExp(`^${DESTINATION}-[a-z2-7]{26}$`));
    assert.equal(typeof report.startDate, 'number');
    assert.equal(typeof report.updatedDate, 'number');
    assert.ok(report.startDate <= report.updatedDate, JSON.stringify(report));
    assert.deepEqual(report.stagesToExecute, type === 'APPLY' ? APPLY_STAGES : DRY_RUN_STAGES);
    assert.deepEqual(report.currentStage, {
        stage: type === 'APPLY' ? 'PERFORMING_OPERATIONS' : 'VALIDATING_OPERATIONS',
        progressType: 'PERCENTAGE',
        progressValue: 100,
    });
    assert.deepEqual(Object.keys(report.resourceOperations).sort(), TYPES);
    for (const [resourceType, operations] of Object.entries(report.resourceOperations)) {
        for (const counter of COUNTERS) {
            assert.equal(typeof operations[counter], 'number', `${resourceType}.${counter}`);
            assert.ok(Array.isArray(operations[`${counter}Names`]), `${resourceType}.${counter}Names`);
            assert.equal(operations[`${counter}Names`].length, operations[counter], `${resourceType}.${counter}Names`);
        }
    }
    const processed = COUNTERS.reduce((sum, counter) => sum + total(report, counter), 0);
    assert.equal(report.resourcesProcessed, processed);
}

/** `{TYPE: {counter: n}}` of the non-zero counters, to compare a report's operations in one assertion. */
function counts(report) {
    const result = {};
    for (const [resourceType, operations] of Object.entries(report.resourceOperations)) {
        for (const counter of COUNTERS) {
            if (operations[counter] !== 0) {
                result[resourceType] = { ...result[resourceType], [counter]: operations[counter] };
            }
        }
    }
    return result;
}

/** The CREATE_SNAPSHOT report and model fields a fresh upload of the example has. */
function assertCreatedModel(model, developerNote) {
    assert.match(model.id, new RegExp(`^${DESTINATION}-[a-z2-7]{26}$`));
    assert.equal(model.targetId, DESTINATION);
    assert.equal(model.createdBy, 'admin');
    assert.equal(typeof model.createdDate, 'number');
    assert.equal(model.developerNote, developerNote);
    assert.deepEqual(model.contentSummary, SUMMARY);
    assert.deepEqual(model.synchronizationReports, []);
    assert.deepEqual(model.diffGenerationReports, []);
    assert.equal(model.reports.length, 1, JSON.stringify(model.reports));
    const [report] = model.reports;
    assert.match(report.id, new RegExp(`^${DESTINATION}-[a-z2-7]{26}$`));
    assert.equal(report.type, ResourceSnapshotsReportType.CreateSnapshot);
    assert.equal(report.status, ResourceSnapshotsReportStatus.Completed);
    assert.equal(report.resultCode, ResourceSnapshotsReportResultCode.Success);
    assert.equal(report.resourcesProcessed, 4);
    assert.deepEqual(report.stagesToExecute, ['CREATING_SNAPSHOT']);
    assert.deepEqual(report.currentStage, { stage: 'CREATING_SNAPSHOT', progressType: 'BINARY', progressValue: 1 });
    assert.deepEqual(report.resourceOperations, {});
    assert.ok(report.startDate <= report.updatedDate);
}

describe('snapshots: the full flow of the example snapshot', () => {
    let destination;
    let origin;
    let jsonId;
    let zipId;

    before(() => {
        destination = clientFor(DESTINATION);
        origin = clientFor(ORIGIN);
    });

    test('listResourceAccess() lists every known resource type but UNKNOWN', async () => {
        const types = await destination.resourceSnapshot.listResourceAccess();
        assert.ok(Array.isArray(types), JSON.stringify(types));
        assert.deepEqual([...types].sort(), KNOWN_TYPES);
        for (const type of Object.values(ResourceSnapshotType)) {
            assert.ok(types.includes(type), `the client's type ${type} is not listed`);
        }
    });

    test('createFromFile(JSON Blob): 201 model with a COMPLETED CREATE_SNAPSHOT report', async () => {
        const file = new Blob([fixtureText], { type: 'application/json' });
        const model = await destination.resourceSnapshot.createFromFile(file);
        assertCreatedModel(model, '');
        jsonId = model.id;

        const settled = await waitUntilDone(destination, jsonId, ResourceSnapshotsReportType.CreateSnapshot);
        assert.deepEqual(settled, model);
    });

    test('createFromFile(ZIP Blob, one document per type) with developer notes', async () => {
        const file = new Blob([fixtureZip()], { type: 'application/zip' });
        const model = await destination.resourceSnapshot.createFromFile(file, { developerNotes: 'cli-created-from-zip' });
        assertCreatedModel(model, 'cli-created-from-zip');
        zipId = model.id;
        assert.notEqual(zipId, jsonId);

        const settled = await waitUntilDone(destination, zipId, ResourceSnapshotsReportType.CreateSnapshot);
        assert.deepEqual(settled.contentSummary, SUMMARY);
        assert.deepEqual(latestReport(settled), model.reports[0]);
    });

    test('list() answers both models, newest first, without reports', async () => {
        const models = await destination.resourceSnapshot.list();
        assert.ok(Array.isArray(models), JSON.stringify(models));
        assert.deepEqual(models.map((model) => model.id).sort(), [jsonId, zipId].sort());
        for (let i = 1; i < models.length; i++) {
            assert.ok(models[i - 1].createdDate >= models[i].createdDate, 'not newest first');
        }
        for (const model of models) {
            assert.deepEqual(model.reports, []);
            assert.deepEqual(model.contentSummary, SUMMARY);
        }
        assert.deepEqual(await origin.resourceSnapshot.list(), []);
    });

    test('validateAccess() READ and WRITE are allowed for the admin token', async () => {
        for (const snapshotAccessType of [SnapshotAccessType.Read, SnapshotAccessType.Write]) {
            assert.deepEqual(await destination.resourceSnapshot.validateAccess(zipId, { snapshotAccessType }), { allowed: true });
        }
    });

    test('a snapshot is found only in its own organization', async () => {
        await rejectsWith(origin.resourceSnapshot.get(zipId, { includeReports: true }), 404, 'SNAPSHOT_NOT_FOUND');
        await rejectsWith(origin.vault.findMissing(zipId), 404, 'SNAPSHOT_NOT_FOUND');
    });

    test('vault.findMissing() lists the two referenced keys, sorted, for both uploads', async () => {
        for (const id of [jsonId, zipId]) {
            assert.deepEqual(await destination.vault.findMissing(id), { missingVaultEntries: [...MISSING_KEYS].sort() });
        }
    });

    test('dryRun(): RESOURCES_IN_ERROR with INVALID_PLACEHOLDER items the Coveo CLI pattern parses', async () => {
        // A destination entry whose key differs from the secret's only by case: the (ext) similarKeys names it.
        await destination.vault.create({ key: LOOK_ALIKE_KEY, value: secret('look-alike') });

        const report = await destination.resourceSnapshot.dryRun(zipId, { deleteMissingResources: false });
        assertOperationReport(report, 'DRY_RUN');
        assert.equal(report.resultCode, ResourceSnapshotsReportResultCode.ResourcesInError);
        assert.equal(report.resourcesProcessed, 4);
        assert.deepEqual(counts(report), {
            EXTENSION: { resourcesCreated: 1 },
            FIELD: { resourcesCreated: 1 },
            MAPPING: { resourcesCreated: 1 },
            SOURCE: { resourcesInError: 1 },
        });
        assert.deepEqual(report.resourceOperations.SOURCE.resourcesInErrorNames, [SOURCE_NAME]);

        const parsed = missingKeysParsedLikeTheCli(report);
        assert.deepEqual(parsed.map((p) => p.key), MISSING_KEYS);
        assert.deepEqual(Object.keys(report.resourceOperationResults.SOURCE ?? {}), [SOURCE_NAME]);
        for (const { resourceType, resourceName } of parsed) {
            assert.equal(resourceType, 'SOURCE');
            assert.equal(resourceName, SOURCE_NAME);
        }
        assert.deepEqual(
            report.resourceOperationResults.SOURCE[SOURCE_NAME],
            [
                {
                    resultCode: 'INVALID_PLACEHOLDER',
                    message: `The vault entry referenced by {{ VAULT.${SECRET_KEY} }} could not be found in the vault.`,
                    vaultEntryKey: SECRET_KEY,
                    jsonPath: 'configuration.parameters.ClientSecret.value',
                    in: 'model',
                    similarKeys: [LOOK_ALIKE_KEY],
                },
                {
                    resultCode: 'INVALID_PLACEHOLDER',
                    message: `The vault entry referenced by {{ VAULT.${PASSWORD_KEY} }} could not be found in the vault.`,
                    vaultEntryKey: PASSWORD_KEY,
                    jsonPath: 'configuration.userIdentities.UserIdentity.password',
                    in: 'model',
                    similarKeys: [],
                },
            ],
        );

        const model = await waitUntilDone(destination, zipId, ResourceSnapshotsReportType.DryRun);
        assert.deepEqual(latestReport(model), report);
    });

    test('vault.import() ALL_OR_NOTHING with a key absent from the origin: 409 VAULT_FETCH_CONFLICT, nothing copied', async () => {
        await origin.vault.create({
            key: SECRET_KEY,
            value: secret('client-secret'),
            vaultVisibilityType: 'OBFUSCATED',
            attributeReferences: [
                { jsonPath: 'configuration.parameters.ClientSecret.value', resourceName: SOURCE_NAME, resourceType: 'SOURCE' },
            ],
            scopes: [{ id: `${ORIGIN}-abcdefghijklmnopqrstuvwxyz`, resourceType: 'SOURCE' }],
        });

        const error = await rejectsWith(
            destination.vault.import(zipId, ORIGIN, VaultFetchStrategy.allOrNothing),
            409,
            'VAULT_FETCH_CONFLICT',
        );
        assert.deepEqual(error.keys, [PASSWORD_KEY]);
        // (ext) the look-alike created above is named beside the key it looks like
        assert.deepEqual(await destination.vault.findMissing(zipId), {
            missingVaultEntries: [...MISSING_KEYS].sort(),
            similarKeys: { [SECRET_KEY]: [LOOK_ALIKE_KEY] },
        });
    });

    test('vault.import() ONLY_MISSING copies the key the origin has, without value in answers and without scopes', async () => {
        assert.deepEqual(await destination.vault.import(zipId, ORIGIN, VaultFetchStrategy.onlyMissing), {});
        assert.deepEqual(await destination.vault.findMissing(zipId), { missingVaultEntries: [PASSWORD_KEY] });

        const copied = await raw('GET', entryPath(DESTINATION, SECRET_KEY));
        assert.equal(copied.status, 200, copied.text);
        assertCommonHeaders(copied.headers);
        assert.deepEqual({ scopes: [], ...copied.json() }, {
            organizationId: DESTINATION,
            key: SECRET_KEY,
            valueType: 'STRING',
            vaultVisibilityType: 'OBFUSCATED',
            public: false,
            attributeReferences: [
                { jsonPath: 'configuration.parameters.ClientSecret.value', resourceName: SOURCE_NAME, resourceType: 'SOURCE' },
            ],
            scopes: [],
        });
    });

    test('vault.import() OVERWRITE copies the key created in the origin meanwhile and keeps destination scopes', async () => {
        await origin.vault.create({
            key: PASSWORD_KEY,
            value: secret('password'),
            scopes: [{ id: `${ORIGIN}-bcdefghijklmnopqrstuvwxyza`, resourceType: 'SOURCE' }],
        });
        const destinationScopes = [{ id: `${DESTINATION}-abcdefghijklmnopqrstuvwxyz`, resourceType: 'SOURCE' }];
        const scoped = await raw('PUT', entryPath(DESTINATION, SECRET_KEY), { json: { scopes: destinationScopes } });
        assert.equal(scoped.status, 200, scoped.text);

        assert.deepEqual(await destination.vault.import(zipId, ORIGIN, VaultFetchStrategy.overwrite), {});
        assert.deepEqual(await destination.vault.findMissing(zipId), { missingVaultEntries: [] });
        assert.deepEqual(await destination.vault.findMissing(jsonId), { missingVaultEntries: [] });

        const password = await raw('GET', entryPath(DESTINATION, PASSWORD_KEY));
        assert.equal(password.status, 200, password.text);
        assert.deepEqual({ attributeReferences: [], scopes: [], ...password.json() }, {
            organizationId: DESTINATION,
            key: PASSWORD_KEY,
            valueType: 'STRING',
            vaultVisibilityType: 'STRICT',
            public: false,
            attributeReferences: [],
            scopes: [],
        });
        const overwritten = await raw('GET', entryPath(DESTINATION, SECRET_KEY));
        assert.equal(overwritten.status, 200, overwritten.text);
        assert.deepEqual(overwritten.json().scopes, destinationScopes);
        assert.ok(!('value' in overwritten.json()), 'an OBFUSCATED value was returned');

        const listed = await destination.vault.list();
        assert.deepEqual(listed.items.map((item) => item.key), [LOOK_ALIKE_KEY, SECRET_KEY, PASSWORD_KEY].sort());
        for (const item of listed.items) {
            assert.ok(!('value' in item), `the value of ${item.key} was listed`);
        }

        // Nothing is missing any more: ALL_OR_NOTHING has nothing to do and succeeds.
        assert.deepEqual(await destination.vault.import(zipId, ORIGIN, VaultFetchStrategy.allOrNothing), {});
    });

    test('dryRun() after the import: SUCCESS, every resource to be created, no item', async () => {
        const report = await destination.resourceSnapshot.dryRun(zipId, { deleteMissingResources: false });
        assertOperationReport(report, 'DRY_RUN');
        assert.equal(report.resultCode, ResourceSnapshotsReportResultCode.Success);
        assert.deepEqual(counts(report), {
            EXTENSION: { resourcesCreated: 1 },
            FIELD: { resourcesCreated: 1 },
            MAPPING: { resourcesCreated: 1 },
            SOURCE: { resourcesCreated: 1 },
        });
        assert.deepEqual(missingKeysParsedLikeTheCli(report), []);
        for (const byName of Object.values(report.resourceOperationResults)) {
            for (const items of Object.values(byName)) {
                assert.deepEqual(items, [], JSON.stringify(report.resourceOperationResults));
            }
        }
    });

    test('apply(): SUCCESS, 4 resources processed, all created', async () => {
        const report = await destination.resourceSnapshot.apply(zipId, { deleteMissingResources: false });
        assertOperationReport(report, 'APPLY');
        assert.equal(report.resultCode, ResourceSnapshotsReportResultCode.Success);
        assert.equal(report.resourcesProcessed, 4);
        assert.equal(total(report, 'resourcesCreated'), 4);
        for (const type of TYPES) {
            assert.deepEqual(report.resourceOperations[type].resourcesCreatedNames, [fixture.resources[type][0].resourceName]);
        }
        const model = await waitUntilDone(destination, zipId, ResourceSnapshotsReportType.Apply);
        assert.deepEqual(latestReport(model), report);
    });

    test('a second apply() changes nothing: the unchanged total equals resourcesProcessed', async () => {
        const report = await destination.resourceSnapshot.apply(zipId, { deleteMissingResources: false });
        assertOperationReport(report, 'APPLY');
        assert.equal(report.resultCode, ResourceSnapshotsReportResultCode.Success);
        assert.equal(report.resourcesProcessed, 4);
        // The Coveo CLI's SnapshotReporter.hasChangedResources() is false exactly then ("no changes").
        assert.equal(total(report, 'resourcesUnchanged'), report.resourcesProcessed);
        assert.deepEqual(counts(report), {
            EXTENSION: { resourcesUnchanged: 1 },
            FIELD: { resourcesUnchanged: 1 },
            MAPPING: { resourcesUnchanged: 1 },
            SOURCE: { resourcesUnchanged: 1 },
        });
    });

    test('the JSON upload holds the same resources: applying it, with deletions of its types, changes nothing', async () => {
        const report = await destination.resourceSnapshot.apply(jsonId, {
            deleteMissingResources: true,
            deletionScope: ApplyOptionsDeletionScope.OnlyTypesFromSnapshot,
        });
        assertOperationReport(report, 'APPLY');
        assert.equal(report.resultCode, ResourceSnapshotsReportResultCode.Success);
        assert.equal(total(report, 'resourcesUnchanged'), report.resourcesProcessed);
        assert.equal(report.resourcesProcessed, 4);
    });

    test('get() lists the reports oldest first, each updated strictly after the one before', async () => {
        const model = await destination.resourceSnapshot.get(zipId, { includeReports: true });
        assert.deepEqual(model.reports.map((report) => report.type), ['CREATE_SNAPSHOT', 'DRY_RUN', 'DRY_RUN', 'APPLY', 'APPLY']);
        for (let i = 1; i < model.reports.length; i++) {
            const before = model.reports[i - 1];
            const report = model.reports[i];
            assert.ok(report.updatedDate > before.updatedDate, `report ${i}: ${report.updatedDate} <= ${before.updatedDate}`);
            assert.ok(report.startDate > before.updatedDate, `report ${i}: ${report.startDate} <= ${before.updatedDate}`);
        }
        assert.equal(new Set(model.reports.map((report) => report.id)).size, model.reports.length);
        // The CLI's latest report is the last one.
        assert.equal(latestReport(model).id, model.reports.at(-1).id);

        // includeReports defaults to true here.
        const defaulted = await destination.resourceSnapshot.get(zipId);
        assert.deepEqual(defaulted.reports, model.reports);
    });

    test('export(): a ZIP; FLAT holds snapshot.json, SPLIT_PER_TYPE one document per type', async () => {
        const flat = await destination.resourceSnapshot.export(jsonId);
        assert.ok(flat instanceof Blob, `export answered ${flat?.constructor?.name}`);
        const flatBytes = Buffer.from(await flat.arrayBuffer());
        assert.equal(flatBytes.subarray(0, 2).toString('latin1'), 'PK');
        const flatEntries = unzip(flatBytes);
        assert.deepEqual(flatEntries.map((entry) => entry.name), ['snapshot.json']);
        assert.deepEqual(JSON.parse(flatEntries[0].data.toString('utf8')).resources, fixture.resources);

        const split = await destination.resourceSnapshot.export(zipId, { contentFormat: SnapshotExportContentFormat.SplitPerType });
        const splitEntries = unzip(Buffer.from(await split.arrayBuffer()));
        assert.deepEqual(splitEntries.map((entry) => entry.name).sort(), TYPES.map((type) => `${type}.json`));
        for (const entry of splitEntries) {
            const type = entry.name.replace(/\.json$/, '');
            assert.deepEqual(JSON.parse(entry.data.toString('utf8')).resources, { [type]: fixture.resources[type] });
        }

        const response = await raw('GET', `/rest/organizations/${DESTINATION}/snapshots/${jsonId}/content`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^application\/zip\b/);
        assertCommonHeaders(response.headers);
        assert.equal(response.bytes.subarray(0, 4).readUInt32LE(0), 0x04034b50);
    });

    test('bad uploads: 400 INVALID_SNAPSHOT whose message names the file and the place; nothing is created', async () => {
        const notASnapshot = new Blob([JSON.stringify({ hello: 'world' })], { type: 'application/json' });
        const error = await rejectsWith(destination.resourceSnapshot.createFromFile(notASnapshot), 400, 'INVALID_SNAPSHOT');
        assert.match(error.detail, /\bresources\b/);

        // A File part carries its name; FormData names a bare Blob "blob".
        const badResource = { resources: { SOURCE: [{ resourceName: '', model: {} }] } };
        const named = new File([JSON.stringify(badResource)], 'SOURCE.json', { type: 'application/json' });
        const namedError = await rejectsWith(destination.resourceSnapshot.createFromFile(named), 400, 'INVALID_SNAPSHOT');
        assert.match(namedError.detail, /SOURCE\.json/);
        assert.match(namedError.detail, /resources\.SOURCE\[0\]\.resourceName/);

        const badEntry = zip([
            { name: 'resources/FIELD.json', data: JSON.stringify({ resources: { FIELD: fixture.resources.FIELD } }) },
            { name: 'resources/SOURCE.json', data: JSON.stringify(badResource) },
        ]);
        const zipError = await rejectsWith(
            destination.resourceSnapshot.createFromFile(new Blob([badEntry], { type: 'application/zip' })),
            400,
            'INVALID_SNAPSHOT',
        );
        assert.match(zipError.detail, /resources\/SOURCE\.json/);
        assert.match(zipError.detail, /resources\.SOURCE\[0\]\.resourceName/);

        const mislabelled = new Blob([fixtureText], { type: 'application/zip' });
        await rejectsWith(destination.resourceSnapshot.createFromFile(mislabelled), 400, 'INVALID_SNAPSHOT');

        const models = await destination.resourceSnapshot.list();
        assert.deepEqual(models.map((model) => model.id).sort(), [jsonId, zipId].sort());
    });

    test('(ext) raw application/json and application/zip bodies are uploads too', async () => {
        const base = `/rest/organizations/${DESTINATION}/snapshots/file`;
        const json = await raw('POST', `${base}?developerNotes=raw+json`, {
            body: fixtureText,
            headers: { 'Content-Type': 'application/json' },
        });
        assert.equal(json.status, 201, json.text);
        assertCommonHeaders(json.headers);
        assert.equal(json.json().developerNote, 'raw json');
        assert.deepEqual(json.json().contentSummary, SUMMARY);

        const zipped = await raw('POST', `${base}?snapshotFileType=zip`, {
            body: fixtureZip(),
            headers: { 'Content-Type': 'application/zip' },
        });
        assert.equal(zipped.status, 201, zipped.text);
        assert.deepEqual(zipped.json().contentSummary, SUMMARY);

        assertRawError(
            await raw('POST', base, { body: fixtureText, headers: { 'Content-Type': 'text/plain' } }),
            400,
            'INVALID_SNAPSHOT',
        );

        for (const id of [json.json().id, zipped.json().id]) {
            assert.deepEqual(await destination.resourceSnapshot.delete(id), {});
        }
    });

    test('delete(): 204 read as {}, then get() and findMissing() are 404 SNAPSHOT_NOT_FOUND', async () => {
        assert.deepEqual(await destination.resourceSnapshot.delete(jsonId), {});
        await rejectsWith(destination.resourceSnapshot.get(jsonId, { includeReports: true }), 404, 'SNAPSHOT_NOT_FOUND');
        await rejectsWith(destination.vault.findMissing(jsonId), 404, 'SNAPSHOT_NOT_FOUND');
        await rejectsWith(destination.resourceSnapshot.delete(jsonId), 404, 'SNAPSHOT_NOT_FOUND');
        assertRawError(await raw('GET', `/rest/organizations/${DESTINATION}/snapshots/${jsonId}/content`), 404, 'SNAPSHOT_NOT_FOUND');

        const models = await destination.resourceSnapshot.list();
        assert.deepEqual(models.map((model) => model.id), [zipId]);
    });
});

describe('snapshot secret hygiene', () => {
    test('the server output holds no token and no vault value', () => {
        const output = server.output();
        assert.ok(!output.includes(server.adminToken), 'the admin token was printed');
        for (const value of sentValues) {
            assert.ok(!output.includes(value), 'a value sent to the server was printed');
        }
        assert.ok(!output.includes(SECRET_KEY), 'a key was printed');
    });
});
