package io.offlinevault.app.archfixture;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** Breaks "cryptography only in the store" with Bouncy Castle. */
public final class AppUsingBouncyCastle {
    public int digestSize() {
        return new SHA256Digest().getDigestSize();
    }
}
