package io.offlinevault.store.archfixture;

/** Stands for a class of the file store. */
public final class StoreInternal {
    public String file() {
        return "checkpoint";
    }
}
