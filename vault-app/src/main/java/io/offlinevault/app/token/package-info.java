/**
 * {@code offline-vault token}: create, list and revoke bearer tokens offline, as the store's owner. Uses
 * {@code app.cli} and the domain's ports; nothing else of the app.
 */
package io.offlinevault.app.token;
