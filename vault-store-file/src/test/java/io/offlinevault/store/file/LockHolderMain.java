package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for the locking and file-mode tests: {@code <data-dir> [<key-file> <probe-file>]}.
 * Optionally creates a key file and a plain probe file (which shows the umask in force), then holds the
 * data dir's lock, prints "locked", and releases it once its standard input closes.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        FileIo io = new RealFileIo();
        if (args.length == 3) {
            KeyFile.create(io, Path.of(args[1]));
            Files.createFile(Path.of(args[2]));
        }
        try (DataDirLock lock = DataDirLock.acquire(io, Path.of(args[0]))) {
            System.out.println("locked " + lock.dataDir());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the lock until the parent closes our standard input or kills us.
            }
        }
    }
}
