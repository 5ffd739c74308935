package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for the locking tests: for each data dir read from its standard input (one per line), it
 * tries to take the lock and answers one line: "locked" when another process holds it, "acquired" when it got
 * it (and released it at once), or "error CODE". It stops when its standard input closes.
 */
public final class LockProbeMain {
    private LockProbeMain() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            System.out.println(probe(Path.of(line)));
            System.out.flush();
        }
    }

    private static String probe(Path dataDir) {
        try (DataDirLock lock = DataDirLock.acquire(new RealFileIo(), dataDir)) {
            return "acquired " + lock.dataDir();
        } catch (StoreException e) {
            return e.code() == ErrorCode.STORE_LOCKED ? "locked" : "error " + e.code();
        }
    }
}
