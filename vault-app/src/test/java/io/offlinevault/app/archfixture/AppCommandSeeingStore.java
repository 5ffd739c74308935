package io.offlinevault.app.archfixture;

import io.offlinevault.store.archfixture.StoreInternal;

/** Breaks the driving-adapter rule: a command that reaches into the store. */
public final class AppCommandSeeingStore {
    public String name() {
        return new StoreInternal().toString();
    }
}
