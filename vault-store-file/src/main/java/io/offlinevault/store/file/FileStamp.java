package io.offlinevault.store.file;

/**
 * What tells that a file changed without reading it: its identity (the file key, an inode on Unix), its size
 * and its modification time. The store stamps the files it writes and compares before the next write, so that
 * a file replaced, appended to or touched by another program is detected, never overwritten.
 */
record FileStamp(Object fileKey, long size, long modifiedNanos) {
}
