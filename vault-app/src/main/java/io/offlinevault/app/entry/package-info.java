/**
 * {@code offline-vault entry}: create, get, list, update, delete, reveal and import vault entries offline, as the
 * store's owner. Uses {@code app.cli}, the domain's ports and the HTTP codec's JSON; nothing else of the app.
 */
package io.offlinevault.app.entry;
