package io.offlinevault.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as the build wrote it into {@code io/offlinevault/app/version.properties}. */
public final class AppVersion {
    private static final String RESOURCE = "/io/offlinevault/app/version.properties";

    private AppVersion() {
    }

    /** {@return the project's version, or "(unknown version)" outside a build} */
    public static String get() {
        Properties properties = new Properties();
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the jar's version.properties cannot be read", e);
        }
        return properties.getProperty("version", "(unknown version)");
    }
}
