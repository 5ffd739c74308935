package io.offlinevault.http.archfixture;

/** Stands for a package-private part of the HTTP adapter, such as a route. */
public final class HttpInternal {
    public String path() {
        return "/rest/organizations";
    }
}
