package org.bourse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version of Bourse that is running, from the build ({@code version.properties}, filled in by Maven): the same
 * from the jars and from the classes, so that a journal's header names the same version whichever ran it.
 */
public final class BourseVersion implements CommandLine.IVersionProvider {
    private static final String CURRENT = read();

    /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return CURRENT;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Bourse " + current()};
    }

    private static String read() {
        try (InputStream in = BourseVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development build";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development build");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
