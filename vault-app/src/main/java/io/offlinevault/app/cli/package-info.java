/**
 * What every {@code offline-vault} command shares: the store options and the {@link OfflineCommand} mixin, the
 * surroundings (environment, console, signals), exit statuses, output helpers, passphrases, and the composition
 * root ({@link Ports}) over a vault opened offline ({@link OfflineVault}). May touch the domain, the store's
 * public API and {@code VaultHttpServer}; never a command package.
 */
package io.offlinevault.app.cli;
