package io.offlinevault.store.file;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** The real file system without forces: for tests that open a store thousands of times and never crash. */
final class UnsyncedFileIo extends ForwardingFileIo {
    @Override
    public void force(FileChannel channel) {
        // skipped: nothing here survives a power loss, and nothing needs to
    }

    @Override
    public void forceDirectory(Path dir) {
        // skipped, as force
    }
}
