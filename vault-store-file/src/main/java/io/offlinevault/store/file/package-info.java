/** The vault repository on an encrypted checkpoint, journal and blobs in one data directory (arrives with the store issue). */
package io.offlinevault.store.file;
