/**
 * Offline Vault inside a Java test: {@link io.offlinevault.app.testing.OfflineVaultServer} (an ephemeral server on
 * 127.0.0.1 and a free port, with an optional {@link io.offlinevault.app.testing.VaultSeed} and known admin token,
 * reset to its seed, several side by side in one JVM) and {@link io.offlinevault.app.testing.OfflineVaultExtension}
 * (one per test class, reset before each test, injected as a parameter). The public API of the {@code vault-app}
 * artifact for tests; it composes the server through {@code app.serve}, exactly as {@code serve --ephemeral} does.
 */
package io.offlinevault.app.testing;
