package io.offlinevault.app.archfixture;

import io.offlinevault.http.archfixture.HttpInternal;

/** Breaks "the app sees only VaultHttpServer and the codec" (the layers allow it). */
public final class AppSeeingHttpInternals {
    public String path() {
        return new HttpInternal().path();
    }
}
