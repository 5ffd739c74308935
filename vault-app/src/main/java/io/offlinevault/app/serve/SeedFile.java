package io.offlinevault.app.serve;

import io.offlinevault.app.cli.BoundedFile;
import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenDraft;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.InvalidJsonException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidSnapshotException;
import io.offlinevault.domain.error.InvalidTokenDraftException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.service.Seed;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.http.codec.SnapshotFiles;
import io.offlinevault.http.codec.WireJson;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed file of {@code serve --seed FILE}, read into a domain {@link Seed} with the API's own rules. Every
 * problem of the file is collected with its place in the document ({@code organizations[0].entries[2].value})
 * and reported at once; no message holds an entry value or a token value. The schema (README, "Use it in
 * tests"):
 * <pre>{"organizations": [{"id": "acme",
 *                     "entries": [ POST /vaultentries bodies ],
 *                     "snapshots": [{"id": optional, "developerNote": optional,
 *                                    "content": {snapshot document} | "file": "relative/path.json|.zip"}]}],
 *  "tokens": [{"name": "viewer", "organizations": ["acme"] | "allOrganizations": true,
 *              "privileges": ["VAULT_ENTRY:VIEW"], "value": "32 to 512 printable ASCII characters"}]}</pre>
 * The seed's own objects refuse unknown fields (a typo must not silently drop data); entries ignore them, as
 * the API does. A {@code file} is resolved against the seed file's directory.
 */
final class SeedFile {
    static final String OPTION = "--seed";
    /** The largest seed file, snapshot contents inline included. */
    static final int MAX_FILE = 64 * 1024 * 1024;

    private static final List<String> ROOT_FIELDS = List.of("organizations", "tokens");
    private static final List<String> ORGANIZATION_FIELDS = List.of("id", "entries", "snapshots");
    private static final List<String> SNAPSHOT_FIELDS = List.of("id", "developerNote", "content", "file");
    private static final List<String> TOKEN_FIELDS = List.of("name", "organizations", "allOrganizations", "privileges",
            "value");

    private final Path directory;
    private final SeedProblems problems = new SeedProblems();

    private SeedFile(Path directory) {
        this.directory = directory;
    }

    /**
     * {@return the seed of the file {@code raw} (a leading {@code ~} is the home directory)} {@code adminToken}
     * is the known admin token, which no seeded token may repeat.
     *
     * @throws CommandFailedException with exit status {@link ExitStatus#USAGE} when the file cannot be read or
     *         breaks any rule, listing every problem with its place
     */
    static Seed read(Surroundings surroundings, String raw, Optional<SecretValue> adminToken) {
        Path file;
        try {
            if (raw.isBlank()) {
                throw new InvalidPathException(raw, "empty");
            }
            file = Path.of(surroundings.expandHome(raw));
        } catch (InvalidPathException e) {
            throw invalid(OPTION + " is not a usable path: give the seed file's path.");
        }
        return read(document(file, raw, OPTION + " " + raw), adminToken);
    }

    /**
     * {@return the seed file {@code file}, which {@code raw} names in messages, read as a JSON document} A file that
     * cannot be read is named as {@code what}.
     *
     * @throws CommandFailedException with exit status {@link ExitStatus#USAGE} when the file cannot be read or is
     *         not JSON
     */
    static EphemeralServer.SeedDocument document(Path file, String raw, String what) {
        byte[] bytes = BoundedFile.read(file, what, MAX_FILE);
        Object json;
        try {
            json = WireJson.read(bytes, MAX_FILE, "the seed file " + raw);
        } catch (InvalidJsonException e) {
            throw invalid(e.getMessage() + " Nothing was loaded.");
        }
        return new EphemeralServer.SeedDocument(json, file.toAbsolutePath().getParent(), "The seed file " + raw);
    }

    /**
     * {@return the seed of {@code document}} {@code adminToken} is the known admin token, which no seeded token may
     * repeat.
     *
     * @throws CommandFailedException with exit status {@link ExitStatus#USAGE} when the document breaks any rule,
     *         listing every problem with its place
     */
    static Seed read(EphemeralServer.SeedDocument document, Optional<SecretValue> adminToken) {
        SeedFile seedFile = new SeedFile(document.directory());
        Seed seed = seedFile.seed(document.json(), adminToken);
        if (!seedFile.problems.isEmpty()) {
            int count = seedFile.problems.count();
            throw invalid(document.name() + " is invalid (" + count + (count == 1 ? " problem" : " problems")
                    + "); nothing was loaded:" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", seedFile.problems.list()));
        }
        return seed;
    }

    // Null when a problem was found: the caller reports them all.
    private Seed seed(Object document, Optional<SecretValue> adminToken) {
        Map<String, Object> root = problems.object(document, "the document");
        if (root == null) {
            return null;
        }
        problems.knownFields(root, "", ROOT_FIELDS);
        List<Seed.Organization> organizations = new ArrayList<>();
        Map<String, String> organizationPlaces = new HashMap<>();
        List<Object> organizationItems = problems.array(root.get("organizations"), "organizations");
        for (int i = 0; i < organizationItems.size(); i++) {
            String place = "organizations[" + i + "]";
            field(organizationItems.get(i), "id").filter(OrganizationId::isValid).ifPresent(id -> {
                String first = organizationPlaces.putIfAbsent(id, place);
                if (first != null) {
                    problems.add(place + ".id", "names organization " + id + " again (" + first + "); give each"
                            + " organization once");
                }
            });
            organization(organizationItems.get(i), place).ifPresent(organizations::add);
        }
        List<Seed.Token> tokens = new ArrayList<>();
        Map<String, String> namePlaces = new HashMap<>();
        Map<TokenDigest, String> valuePlaces = new HashMap<>();
        adminToken.ifPresent(token -> valuePlaces.put(TokenDigest.of(token.reveal()), "the admin token"));
        List<Object> tokenItems = problems.array(root.get("tokens"), "tokens");
        for (int i = 0; i < tokenItems.size(); i++) {
            String place = "tokens[" + i + "]";
            field(tokenItems.get(i), "name").ifPresent(name -> {
                String first = namePlaces.putIfAbsent(name, place);
                if (first != null) {
                    problems.add(place + ".name", "is the name of " + first + " too; token names are unique");
                }
            });
            field(tokenItems.get(i), "value").ifPresent(value -> {
                String first = valuePlaces.putIfAbsent(TokenDigest.of(value), place);
                if (first != null) {
                    problems.add(place + ".value", "is the value of " + first + " too; give each token its own value"
                            + " (the value is not shown)");
                }
            });
            token(tokenItems.get(i), place).ifPresent(tokens::add);
        }
        return problems.isEmpty() ? new Seed(organizations, tokens) : null;
    }

    private Optional<Seed.Organization> organization(Object item, String place) {
        Map<String, Object> json = problems.object(item, place);
        if (json == null) {
            return Optional.empty();
        }
        problems.knownFields(json, place + ".", ORGANIZATION_FIELDS);
        int before = problems.count();
        Optional<OrganizationId> id = problems.organizationId(json.get("id"), place + ".id", true);
        // entries of an organization with a bad id are still checked, against a stand-in organization
        OrganizationId org = id.orElse(OrganizationId.of("seed"));
        List<VaultEntry> entries = new ArrayList<>();
        Map<EntryKey, String> keyPlaces = new HashMap<>();
        List<Object> entryItems = problems.array(json.get("entries"), place + ".entries");
        for (int j = 0; j < entryItems.size(); j++) {
            String entryPlace = place + ".entries[" + j + "]";
            Map<String, Object> entryJson = problems.object(entryItems.get(j), entryPlace);
            if (entryJson == null) {
                continue;
            }
            EntryDraft draft = EntryDraft.of(entryJson);
            if (id.isEmpty()) {
                draft = new EntryDraft(null, draft.key(), draft.value(), draft.valueType(), draft.vaultVisibilityType(),
                        draft.sensitive(), draft.attributeReferences(), draft.scopes());
            }
            try {
                VaultEntry entry = EntryValidator.validateCreate(org, draft);
                String first = keyPlaces.putIfAbsent(entry.key(), entryPlace);
                if (first != null) {
                    problems.add(entryPlace + ".key", "appears twice in the organization (" + first + ") (key.duplicate)");
                }
                entries.add(entry);
            } catch (InvalidEntryException e) {
                for (Violation violation : e.violations()) {
                    problems.add(entryPlace + "." + violation.field(), violation.message() + " (" + violation.code() + ")");
                }
            }
        }
        List<Seed.SnapshotSeed> snapshots = new ArrayList<>();
        Map<String, String> snapshotPlaces = new HashMap<>();
        List<Object> snapshotItems = problems.array(json.get("snapshots"), place + ".snapshots");
        for (int k = 0; k < snapshotItems.size(); k++) {
            String snapshotPlace = place + ".snapshots[" + k + "]";
            snapshot(snapshotItems.get(k), snapshotPlace, id).ifPresent(snapshot -> {
                String first = snapshot.id().map(given -> snapshotPlaces.putIfAbsent(given, snapshotPlace)).orElse(null);
                if (first != null) {
                    problems.add(snapshotPlace + ".id", "is the id of " + first + " too; snapshot ids are unique");
                }
                snapshots.add(snapshot);
            });
        }
        if (problems.count() > before || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Seed.Organization(id.get(), entries, snapshots));
    }

    private Optional<Seed.SnapshotSeed> snapshot(Object item, String place, Optional<OrganizationId> organization) {
        Map<String, Object> json = problems.object(item, place);
        if (json == null) {
            return Optional.empty();
        }
        problems.knownFields(json, place + ".", SNAPSHOT_FIELDS);
        int before = problems.count();
        Optional<String> id = problems.string(json.get("id"), place + ".id");
        if (id.isPresent() && organization.isPresent()) {
            try {
                Seed.checkSnapshotId(organization.get(), id.get());
            } catch (InvalidParameterException e) {
                problems.add(place + ".id", e.getMessage());
            }
        }
        String note = problems.string(json.get("developerNote"), place + ".developerNote").orElse("");
        Object content = json.get("content");
        Optional<String> file = problems.string(json.get("file"), place + ".file");
        Optional<SnapshotContent> read = Optional.empty();
        if ((content == null) == file.isEmpty() && problems.count() == before) {
            problems.add(place, "needs either content (the snapshot document) or file (a path to a JSON or ZIP snapshot"
                    + " file, relative to the seed file's directory), not " + (content == null ? "neither" : "both"));
        } else if (content != null) {
            try {
                read = Optional.of(SnapshotContentReader.read(content, place + ".content"));
            } catch (InvalidSnapshotException e) {
                problems.add(e.getMessage());
            }
        } else if (file.isPresent()) {
            read = snapshotFile(file.get(), place + ".file");
        }
        if (problems.count() > before || read.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Seed.SnapshotSeed(id, note, read.get()));
    }

    private Optional<SnapshotContent> snapshotFile(String raw, String place) {
        Path file;
        try {
            file = directory.resolve(raw);
        } catch (InvalidPathException e) {
            problems.add(place, "is not a usable path");
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotFiles.read(BoundedFile.read(file, raw, SnapshotFiles.MAX_UPLOAD), Optional.empty(),
                    raw));
        } catch (CommandFailedException e) {
            problems.add(place, Files.notExists(file) ? raw + " does not exist (a path is relative to the seed file's"
                    + " directory, " + directory + ")" : e.getMessage().replaceFirst("\\.$", ""));
        } catch (InvalidSnapshotException e) {
            problems.add(place, e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<Seed.Token> token(Object item, String place) {
        Map<String, Object> json = problems.object(item, place);
        if (json == null) {
            return Optional.empty();
        }
        problems.knownFields(json, place + ".", TOKEN_FIELDS);
        try {
            TokenDraft draft = TokenDraft.parse(json, TokenDraft.Origin.SEED);
            return Optional.of(new Seed.Token(draft.name(), draft.grant(), draft.value().orElseThrow()));
        } catch (InvalidTokenDraftException e) {
            for (Violation violation : e.violations()) {
                problems.add(violation.field().isEmpty() ? place : place + "." + violation.field(), violation.message());
            }
            return Optional.empty();
        }
    }

    // The string field of an object, before its own checks: what the uniqueness checks compare.
    private static Optional<String> field(Object item, String name) {
        return item instanceof Map<?, ?> json && json.get(name) instanceof String text ? Optional.of(text)
                : Optional.empty();
    }

    private static CommandFailedException invalid(String message) {
        return new CommandFailedException(ExitStatus.USAGE, message);
    }
}
