/**
 * {@code offline-vault serve}: its option checks, the vault behind the server (in memory or the store, with a
 * seed), the port file once the server answers, and the wiring of the ports into {@code VaultHttpServer}; and
 * {@link io.offlinevault.app.serve.EphemeralServer}, the same ephemeral server inside a JVM, which
 * {@code app.testing} builds on. Uses {@code app.cli}, the domain, the file store and the HTTP adapter's entry
 * points; nothing else of the app.
 */
package io.offlinevault.app.serve;
