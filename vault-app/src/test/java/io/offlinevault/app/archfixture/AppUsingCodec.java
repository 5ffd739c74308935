package io.offlinevault.app.archfixture;

import io.offlinevault.http.codec.archfixture.CodecFixture;

/** Follows "the app sees only VaultHttpServer and the codec". */
public final class AppUsingCodec {
    public String read(String json) {
        return new CodecFixture().read(json);
    }
}
