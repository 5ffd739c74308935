/**
 * {@code offline-vault snapshot} (check, template, register, apply), {@code fetch} and {@code ipe-params}: what
 * a snapshot needs from the vault, offline. Uses {@code app.cli}, the domain's ports and the HTTP codec's snapshot
 * reader; nothing else of the app.
 */
package io.offlinevault.app.snapshot;
