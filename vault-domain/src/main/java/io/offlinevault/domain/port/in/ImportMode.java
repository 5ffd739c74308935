package io.offlinevault.domain.port.in;

/** What a bulk import does with an item whose key already exists in the organization. */
public enum ImportMode {
    /** An existing key is a conflict ({@code VAULT_ENTRY_ALREADY_EXISTS}) and nothing is written. */
    CREATE_ONLY,
    /** An existing entry is updated; the fields an item leaves out keep their stored values. */
    UPSERT
}
