/** The Coveo-compatible Vault API on the JDK HTTP server, entered through one public server class (arrives with the HTTP issue). */
package io.offlinevault.http;
