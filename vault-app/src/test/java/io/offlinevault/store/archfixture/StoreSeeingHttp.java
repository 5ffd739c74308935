package io.offlinevault.store.archfixture;

import io.offlinevault.http.codec.archfixture.CodecFixture;

/** Breaks "http and store never see each other" from the store's side: even the public codec is off limits. */
public final class StoreSeeingHttp {
    public String read(String json) {
        return new CodecFixture().read(json);
    }
}
