package io.offlinevault.app.testing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test class an {@link OfflineVaultServer}: started before the class's first
 * test, {@linkplain OfflineVaultServer#reset() reset} to its seed before each test, closed after the class, and
 * injected into any test, lifecycle method or constructor parameter of type {@link OfflineVaultServer}. With
 * {@link #withServerPerTest()} each test gets a new server instead, closed after it.
 *
 * <p>{@code @ExtendWith(OfflineVaultExtension.class)} gives an empty vault with a generated admin token; for a seed
 * or a known admin token register a configured instance in a <em>static</em> field:
 * <pre>{@code
 * @RegisterExtension
 * static final OfflineVaultExtension VAULT = new OfflineVaultExtension()
 *         .withSeed(VaultSeed.empty().withEntry("acme", "db.password", "s3cr3t"));
 * }</pre>
 * (an instance field is registered only after the class's start, so each test then gets a server of its own).
 * {@code @Nested} classes share their outer class's server. It needs {@code junit-jupiter-api}, which
 * {@code vault-app} declares optional: a project that uses {@link OfflineVaultServer} alone gets no JUnit from it.
 * Immutable; each {@code with...} method returns a copy.
 */
public final class OfflineVaultExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            OfflineVaultExtension.class);

    private final VaultSeed seed;
    private final Optional<String> adminToken;
    private final boolean perTest;

    /** An extension with an empty vault, a generated admin token and one server per class. */
    public OfflineVaultExtension() {
        this(VaultSeed.empty(), Optional.empty(), false);
    }

    private OfflineVaultExtension(VaultSeed seed, Optional<String> adminToken, boolean perTest) {
        this.seed = seed;
        this.adminToken = adminToken;
        this.perTest = perTest;
    }

    /** {@return this extension with {@code seed} as what each server starts with and goes back to} */
    public OfflineVaultExtension withSeed(VaultSeed seed) {
        return new OfflineVaultExtension(requireNonNull(seed, "seed"), adminToken, perTest);
    }

    /**
     * {@return this extension with {@code adminToken} (32 to 512 printable ASCII characters without spaces) as the
     * admin token of its servers}
     */
    public OfflineVaultExtension withAdminToken(String adminToken) {
        return new OfflineVaultExtension(seed, Optional.of(requireNonNull(adminToken, "adminToken")), perTest);
    }

    /** {@return this extension starting a new server for each test (and closing it after the test)} */
    public OfflineVaultExtension withServerPerTest() {
        return new OfflineVaultExtension(seed, adminToken, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest && find(context).isEmpty()) {
            startIn(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeIn(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<OfflineVaultServer> shared = perTest ? Optional.empty() : find(context);
        if (shared.isPresent()) {
            shared.get().reset();
        } else {
            startIn(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeIn(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OfflineVaultServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return find(context).orElseThrow(() -> new ParameterResolutionException("No Offline Vault server is running"
                + " for " + parameter.getDeclaringExecutable() + ": with withServerPerTest() each test gets its own"
                + " server, which does not exist yet in @BeforeAll methods or the test class's constructor."));
    }

    // Looks in this context's store and its parents': a test finds its class's server.
    private Optional<OfflineVaultServer> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(this, OfflineVaultServer.class));
    }

    private void startIn(ExtensionContext context) {
        OfflineVaultServer server = adminToken.map(token -> OfflineVaultServer.start(seed, token))
                .orElseGet(() -> OfflineVaultServer.start(seed));
        context.getStore(NAMESPACE).put(this, server);
    }

    // Closes only the server this context started, not one it found in a parent's store.
    private void closeIn(ExtensionContext context) {
        OfflineVaultServer server = context.getStore(NAMESPACE).remove(this, OfflineVaultServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "OfflineVaultExtension[" + seed + (perTest ? ", a server per test" : ", a server per class") + "]";
    }
}
