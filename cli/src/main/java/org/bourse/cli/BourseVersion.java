package org.bourse.cli;

import picocli.CommandLine;

/** The version of Bourse that is running, from the runnable jar's manifest ("development build" without one). */
public final class BourseVersion implements CommandLine.IVersionProvider {

    /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        String version = BourseVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Bourse " + current()};
    }
}
