// Where the API's violations go in the entry form: each wire field (API.md 2.1) names one control; anything the
// form has no control for is shown above the form. No DOM here: Node tests it.

const FIELDS = {
    key: 'key',
    newKey: 'newKey',
    value: 'value',
    valueType: 'valueType',
    vaultVisibilityType: 'visibility',
    sensitive: 'visibility',
    attributeReferences: 'references',
};
const REFERENCE = /^attributeReferences\[(\d+)\]\.(jsonPath|resourceName|resourceType)$/;

/** {@return the id of the control a violation's `field` belongs to, or 'form'} */
export function controlOf(field) {
    const reference = REFERENCE.exec(String(field));
    if (reference) {
        return `reference-${reference[1]}-${reference[2]}`;
    }
    return FIELDS[field] ?? 'form';
}

/** {@return the violations grouped by control id, in their order, each as the text to show} */
export function groupViolations(violations) {
    const groups = new Map();
    for (const violation of violations ?? []) {
        const control = controlOf(violation?.field);
        const message = typeof violation?.message === 'string' && violation.message !== ''
            ? violation.message : String(violation?.code ?? 'is not valid');
        const text = control === 'form' ? `${violation?.field ?? 'request'} ${message}` : message;
        if (!groups.has(control)) {
            groups.set(control, []);
        }
        groups.get(control).push(text);
    }
    return groups;
}
