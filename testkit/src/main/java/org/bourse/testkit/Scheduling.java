package org.bourse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** What Linux says of this process's threads: their scheduler time slices, read from {@code /proc}. */
public final class Scheduling {
    private static final Path TASKS = Path.of("/proc/self/task");

    private Scheduling() {
    }

    /** Whether this kernel lets a thread choose its time slice (Linux 6.12 or later). */
    public static boolean customSlicesSupported() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        String[] version = System.getProperty("os.version", "").split("[.-]");
        try {
            int major = Integer.parseInt(version[0]);
            int minor = Integer.parseInt(version[1]);
            return major > 6 || major == 6 && minor >= 12;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The calling thread's time slice in ns, if the kernel shows it. */
    public static OptionalLong sliceOfThisThread() {
        return slice(Path.of("/proc/thread-self/sched"));
    }

    /** The time slices in ns of this process's threads with the given name (as the kernel knows it: 15 chars). */
    public static List<Long> slicesOfThreadsNamed(String name) {
        String kernelName = name.length() > 15 ? name.substring(0, 15) : name;
        List<Long> slices = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(kernelName)) {
                        slice(task.resolve("sched")).ifPresent(slices::add);
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return slices;
    }

    private static OptionalLong slice(Path sched) {
        try {
            for (String line : Files.readAllLines(sched)) {
                if (line.startsWith("se.slice")) {
                    return OptionalLong.of(Long.parseLong(line.substring(line.indexOf(':') + 1).strip()));
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
