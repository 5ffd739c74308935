/**
 * {@code offline-vault org}: the organizations of the vault, locally or through a running server. Uses
 * {@code app.cli}, the domain's ports and the HTTP codec's JSON; nothing else of the app.
 */
package io.offlinevault.app.org;
