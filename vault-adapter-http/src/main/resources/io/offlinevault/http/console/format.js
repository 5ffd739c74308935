// Small text helpers of the console. No DOM here: Node tests it.

/** {@return an epoch-millisecond time as "YYYY-MM-DD HH:MM UTC", or '' for anything else} */
export function utc(millis) {
    if (typeof millis !== 'number' || !Number.isFinite(millis)) {
        return '';
    }
    const iso = new Date(millis).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** {@return `count` with the singular or plural noun} */
export function plural(count, singular, pluralForm = `${singular}s`) {
    return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** {@return the entries of `entries` whose key, types, visibility or resources contain `text` (any case)} */
export function filterEntries(entries, text) {
    const needle = String(text ?? '').trim().toLowerCase();
    if (needle === '') {
        return entries;
    }
    return entries.filter((entry) => [entry.key, entry.valueType, entry.vaultVisibilityType,
        ...(entry.attributeReferences ?? []).flatMap((r) => [r.resourceType, r.resourceName, r.jsonPath])]
        .some((field) => typeof field === 'string' && field.toLowerCase().includes(needle)));
}

/** {@return the page `page` (from 0) of `items`, with the page count (at least 1)} */
export function pageOf(items, page, size) {
    const pages = Math.max(1, Math.ceil(items.length / size));
    const index = Math.min(Math.max(0, page), pages - 1);
    return { items: items.slice(index * size, (index + 1) * size), page: index, pages };
}
