// The command behind each view: the curl line and the offline-vault line that do what the console just did. They
// never hold the token ($OFFLINE_VAULT_TOKEN) or a value (a file or standard input). No DOM here: Node tests it.

const AUTH = '-H "Authorization: Bearer $OFFLINE_VAULT_TOKEN"';
const JSON_BODY = "-H 'Content-Type: application/json'";

/** {@return `text` as one shell word: as is when plain, else in single quotes} */
export function shellQuote(text) {
    const word = String(text);
    return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function url(origin, path, query = {}) {
    const parts = Object.entries(query).filter(([, value]) => value !== undefined && value !== '')
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    return shellQuote(`${origin}${path}${parts.length === 0 ? '' : `?${parts.join('&')}`}`);
}

function curl(method, target, ...more) {
    return ['curl -sS', method === 'GET' ? null : `-X ${method}`, AUTH, ...more, target].filter(Boolean).join(' ');
}

const org = (organization) => `/rest/organizations/${encodeURIComponent(organization)}`;
const entry = (organization, key) => `${org(organization)}/vaultentries/${encodeURIComponent(key)}`;

/**
 * {@return the commands of `view` as [{tool: 'curl'|'offline-vault', line}]} `origin` is the server's origin
 * (`location.origin`); `p` holds what the view shows: organization, key, newKey, snapshotId, from, strategy, ...
 * The offline-vault lines run against this server (`--server`), with the token from $OFFLINE_VAULT_TOKEN.
 */
export function commandsFor(view, p, origin) {
    return linesFor(view, p, origin).map((command) => (command.tool === 'offline-vault'
        ? { ...command, line: `${command.line} --server ${shellQuote(origin)}` } : command));
}

function linesFor(view, p, origin) {
    const o = p.organization;
    const q = shellQuote;
    switch (view) {
    case 'entries':
        return [
            { tool: 'curl', line: curl('GET', url(origin, `${org(o)}/vaultentries`, { page: 0, pageSize: 100 })) },
            { tool: 'offline-vault', line: `offline-vault entry list --org ${q(o)}` }];
    case 'create': {
        const references = (p.attributeReferences ?? [])
            .map((r) => ` --reference ${q(`${r.resourceType}:${r.resourceName}:${r.jsonPath}`)}`).join('');
        return [
            { tool: 'curl', line: curl('POST', url(origin, `${org(o)}/vaultentries`), JSON_BODY, '-d @entry.json') },
            { tool: 'offline-vault', line: `offline-vault entry create --org ${q(o)} --key ${q(p.key ?? 'KEY')}`
                + ` --value-file value.txt --type ${p.valueType ?? 'STRING'} --visibility ${p.visibility ?? 'STRICT'}`
                + references }];
    }
    case 'rename':
        return [
            { tool: 'curl', line: curl('POST', url(origin, `${entry(o, p.key)}/rename`), JSON_BODY,
                `-d ${q(JSON.stringify({ newKey: p.newKey }))}`) },
            { tool: 'offline-vault', line: `offline-vault entry rename --org ${q(o)} --key ${q(p.key)} --to ${q(p.newKey)}` }];
    case 'snapshots':
        return [
            { tool: 'curl', line: curl('GET', url(origin, `${org(o)}/snapshots`)) },
            { tool: 'offline-vault', line: `offline-vault snapshot list --org ${q(o)}` }];
    case 'upload':
        return [
            { tool: 'curl', line: curl('POST', url(origin, `${org(o)}/snapshots/file`, { snapshotFileType: p.fileType,
                developerNotes: p.note }), `-H 'Content-Type: application/${p.fileType === 'ZIP' ? 'zip' : 'json'}'`,
            `--data-binary @${q(p.file ?? 'snapshot.json')}`) },
            { tool: 'offline-vault', line: `offline-vault snapshot register -f ${q(p.file ?? 'snapshot.json')} --org ${q(o)}`
                + (p.note ? ` --note ${q(p.note)}` : '') }];
    case 'check':
        return [
            { tool: 'curl', line: `${curl('GET', url(origin, `${org(o)}/snapshots/${p.snapshotId}/content`),
                '-o snapshot.zip')} && ${curl('POST', url(origin, `${org(o)}/snapshots/check`),
                "-H 'Content-Type: application/zip'", '--data-binary @snapshot.zip')}` },
            { tool: 'offline-vault', line: `offline-vault snapshot check -f snapshot.zip --org ${q(o)}` }];
    case 'import':
        return [
            { tool: 'curl', line: curl('PUT', url(origin, `${org(o)}/vaultentries/fetch`, {
                referenceSnapshotId: p.snapshotId, sourceOrganizationId: p.from, fetchStrategy: p.strategy,
                dryRun: p.dryRun ? 'true' : undefined })) },
            { tool: 'offline-vault', line: `offline-vault fetch --from ${q(p.from)} --to ${q(o)} --snapshot`
                + ` ${q(p.snapshotId)} --strategy ${p.strategy}${p.dryRun ? ' --dry-run' : ''}` }];
    case 'dryrun':
    case 'apply':
        return [
            { tool: 'curl', line: curl('PUT', url(origin, `${org(o)}/snapshots/${p.snapshotId}/${view}`)) },
            { tool: 'offline-vault', line: `offline-vault snapshot apply --snapshot ${q(p.snapshotId)} --org ${q(o)}`
                + (view === 'dryrun' ? ' --dry-run' : '') }];
    case 'tokens':
        return [
            { tool: 'curl', line: curl('GET', url(origin, '/_offline-vault/tokens')) },
            { tool: 'offline-vault', line: 'offline-vault token list' }];
    case 'create-token':
        return [
            { tool: 'curl', line: curl('POST', url(origin, '/_offline-vault/tokens'), JSON_BODY, `-d ${q(JSON.stringify({
                name: p.name, privileges: p.privileges,
                ...(p.allOrganizations ? { allOrganizations: true } : { organizations: p.organizations }) }))}`) },
            { tool: 'offline-vault', line: `offline-vault token create --name ${q(p.name)}`
                + (p.allOrganizations ? ' --all-orgs' : (p.organizations ?? []).map((id) => ` --org ${q(id)}`).join(''))
                + ` --privilege ${p.privileges.join(',')}` }];
    case 'revoke':
        return [
            { tool: 'curl', line: curl('DELETE', url(origin, `/_offline-vault/tokens/${encodeURIComponent(p.name)}`)) },
            { tool: 'offline-vault', line: `offline-vault token revoke --name ${q(p.name)}` }];
    default:
        return [];
    }
}
