/**
 * The command line's client of a running server: {@link io.offlinevault.app.remote.RemoteVault} implements the
 * domain's inbound ports over the HTTP API (JDK {@code HttpClient}), so that a command runs the same code against a
 * server as on a local vault. Answers are decoded back into the domain objects the local use cases return
 * ({@code RemoteJson}, {@code RemoteSnapshotJson}), error bodies into the domain exceptions they describe
 * ({@code RemoteErrors}). Depends on the domain and the HTTP codec only; which server, and with which token, is the command line's choice
 * ({@code app.cli.ServerOptions}).
 */
package io.offlinevault.app.remote;
