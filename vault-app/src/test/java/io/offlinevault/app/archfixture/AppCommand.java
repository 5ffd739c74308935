package io.offlinevault.app.archfixture;

/** Stands for a command of the app. */
public final class AppCommand {
    public String name() {
        return "serve";
    }
}
