package io.offlinevault.http.archfixture;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** Breaks "cryptography only in the store" with the JDK's own cipher. */
public final class HttpUsingCipher {
    public Cipher cipher() throws GeneralSecurityException {
        return Cipher.getInstance("AES/GCM/NoPadding");
    }
}
