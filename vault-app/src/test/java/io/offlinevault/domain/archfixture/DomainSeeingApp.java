package io.offlinevault.domain.archfixture;

import io.offlinevault.app.archfixture.AppCommand;

/** Breaks the layers: nothing may reach into the app. */
public final class DomainSeeingApp {
    public String name() {
        return new AppCommand().name();
    }
}
