package io.offlinevault.store.archfixture;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** Follows "cryptography only in the store": the store may use both the JDK's ciphers and Bouncy Castle. */
public final class StoreUsingCrypto {
    public Cipher cipher() throws GeneralSecurityException {
        return Cipher.getInstance("AES/GCM/NoPadding");
    }

    public int digestSize() {
        return new SHA256Digest().getDigestSize();
    }
}
