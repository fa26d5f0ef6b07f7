package org.vae4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** vae4j's own version, from a resource that Maven fills in at build time. */
public final class Version {

    /** The version string, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
    public static final String VAE4J = load();

    private Version() {}

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/org/vae4j/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
