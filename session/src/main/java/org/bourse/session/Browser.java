package org.bourse.session;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** Opens a web page in the user's browser, the way the desktop does it; says so in one line when it cannot. */
final class Browser {

    private Browser() {
    }

    static void open(String url, PrintStream out) {
        String os = System.getProperty("os.name", "").toLowerCase();
        List<String> command = os.contains("mac") ? List.of("open", url)
                : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", url)
                : List.of("xdg-open", url);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            out.println("  (cannot open a browser here: " + command.get(0) + " is missing; open " + url + " yourself)");
        }
    }
}
