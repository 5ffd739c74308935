package io.offlinevault.http.archfixture;

import io.offlinevault.store.archfixture.StoreInternal;

/** Breaks "http and store never see each other" and the layers. */
public final class HttpSeeingStore {
    public String file() {
        return new StoreInternal().file();
    }
}
