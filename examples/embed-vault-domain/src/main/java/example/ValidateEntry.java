package example;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.service.VaultEntryService;
import java.util.Map;

/** Validates an entry as the server does, then creates one through the use cases on the in-memory repository. */
public final class ValidateEntry {
    public static void main(String[] args) {
        // README:begin
        Map<String, Object> json = Map.of("key", "db{port}", "value", "5432.5", "valueType", "INTEGER");
        try {
            VaultEntry entry = EntryValidator.validateCreate(OrganizationId.of("acme"), EntryDraft.of(json));
            System.out.println("valid: " + entry.key());
        } catch (InvalidEntryException e) {
            for (Violation violation : e.violations()) {
                // prints "key key.invalid_character" and "value value.invalid_for_type"
                System.out.println(violation.field() + " " + violation.code());
            }
        }

        VaultRepository repository = new InMemoryVaultRepository();
        VaultEntries vault = new VaultEntryService(repository);
        vault.create(Caller.owner(), OrganizationId.of("acme"),
                EntryDraft.of(Map.of("key", "db.password", "value", "s3cret")));   // STRING, STRICT by default
        // README:end
        System.out.println("created db.password in acme");
    }
}
