/**
 * The commands that look after the store itself: {@code init}, {@code rekey}, {@code rotate}, {@code verify},
 * {@code backup} and {@code restore}. Use {@code app.cli} and the file store's public API; nothing else of the app.
 */
package io.offlinevault.app.store;
