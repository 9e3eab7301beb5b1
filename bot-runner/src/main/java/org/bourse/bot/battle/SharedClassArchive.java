package org.bourse.bot.battle;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application class-data sharing for bots, the Java 17 way: on the first battle with a given classpath, one bot
 * writes the classes it loaded to an archive as it exits ({@code -XX:ArchiveClassesAtExit}); later battles map that
 * archive into every bot ({@code -XX:SharedArchiveFile}), which then starts faster and shares those pages with the
 * other bots. Measured on Java 17, 2 cores, with a bot-like JVM (picocli, Logback, Jackson, Java-WebSocket): one
 * bot starts and connects in 0.32 s instead of 0.51 s; ten at once use 35 MB instead of 38 MB each (PSS).
 *
 * <p>A truncated archive crashes the JVM that maps it, so an archive is only ever used after a JVM has mapped it
 * successfully with {@code -Xshare:on}: a recording is checked before it is published (by an atomic rename), and a
 * published archive before each battle. The archive's name is a hash of everything it depends on (the JVM, its
 * flags, each classpath jar's path, size and time), so a rebuilt jar gets a new archive rather than a stale one.
 */
final class SharedClassArchive {
    private static final Logger LOG = LoggerFactory.getLogger(SharedClassArchive.class);
    /** Archives are ~10 MB: keep those of the last few builds, delete older ones. */
    private static final int ARCHIVES_KEPT = 4;
    private static final long CHECK_TIMEOUT_SECONDS = 10;
    // The JVM warns on stdout when it cannot use or write an archive; this is an optimisation, not the user's concern.
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final List<String> jvm;
    private final String classpath;
    private final Path archive;
    private final Path recording;
    private boolean ready;
    private boolean recordingHandedOut;

    private SharedClassArchive(List<String> jvm, String classpath, Path archive) {
        this.jvm = jvm;
        this.classpath = classpath;
        this.archive = archive;
        this.recording = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /**
     * The archive for bots started with this JVM, flags and classpath, kept in {@code cacheDir}; checks an existing
     * one. Empty when the classpath cannot be archived: Java 17 refuses directories in it (a development classpath
     * of {@code target/classes}), so only a classpath of jars without {@code Class-Path} manifests qualifies.
     */
    static Optional<SharedClassArchive> prepare(String javaExecutable, List<String> jvmFlags, String classpath,
                                                Path cacheDir) {
        List<Path> jars = jarsOnly(classpath);
        if (jars.isEmpty()) {
            LOG.debug("No class-data sharing for bots: their classpath is not jars alone");
            return Optional.empty();
        }
        List<String> jvm = new ArrayList<>();
        jvm.add(javaExecutable);
        jvm.addAll(jvmFlags);
        String key;
        try {
            key = key(jvm, classpath, jars);
        } catch (UncheckedIOException e) {
            LOG.debug("No class-data sharing for bots: {}", e.toString());
            return Optional.empty();
        }
        SharedClassArchive cds = new SharedClassArchive(jvm, classpath, cacheDir.resolve("bot-" + key + ".jsa"));
        if (Files.exists(cds.archive)) {
            cds.ready = cds.loads(cds.archive);
            if (!cds.ready) {
                LOG.info("Class-data archive {} does not load: recording it again", cds.archive);
                deleteQuietly(cds.archive);
            }
        } else {
            try {
                Files.createDirectories(cacheDir);
            } catch (IOException e) {
                LOG.debug("No class-data sharing for bots: cannot create {}: {}", cacheDir, e.toString());
                return Optional.empty();
            }
        }
        return Optional.of(cds);
    }

    /** The cache folder: {@code $XDG_CACHE_HOME/bourse}, else {@code ~/.cache/bourse}. */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("bourse");
    }

    /** JVM flags for the next bot: map the archive; or, for the first bot when there is none, record it. */
    synchronized List<String> flagsForNextBot() {
        List<String> flags = new ArrayList<>();
        if (ready) {
            flags.add("-XX:SharedArchiveFile=" + archive);
        } else if (!recordingHandedOut) {
            recordingHandedOut = true;
            flags.add("-XX:ArchiveClassesAtExit=" + recording);
        } else {
            return List.of();
        }
        flags.addAll(QUIET);
        return flags;
    }

    /** Once every bot has exited: publishes the archive a bot recorded, if it is complete and loads. */
    synchronized void publish() {
        if (!recordingHandedOut || !Files.exists(recording)) {
            return;
        }
        if (!loads(recording)) {
            LOG.debug("The class-data archive recorded by a bot does not load (it was killed while writing it?)");
            deleteQuietly(recording);
            return;
        }
        try {
            Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Recorded a class-data archive for faster bot start-up: {}", archive);
        } catch (IOException e) {
            LOG.debug("Cannot publish {}: {}", archive, e.toString());
            deleteQuietly(recording);
            return;
        }
        deleteOlderArchives();
    }

    Path archive() {
        return archive;
    }

    /** Whether a JVM maps the archive with this classpath: {@code -Xshare:on} fails instead of running without. */
    private boolean loads(Path candidate) {
        List<String> check = new ArrayList<>(jvm);
        check.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + candidate, "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=/dev/null", "-cp", classpath, "-version"));
        try {
            Process process = new ProcessBuilder(check).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deleteOlderArchives() {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            files.filter(file -> file.getFileName().toString().matches("bot-[0-9a-f]+\\.jsa"))
                    .sorted(Comparator.comparing(SharedClassArchive::lastModified).reversed())
                    .skip(ARCHIVES_KEPT)
                    .forEach(SharedClassArchive::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Cannot tidy {}: {}", archive.getParent(), e.toString());
        }
    }

    /** The classpath's entries if all are jars without a Class-Path manifest; else empty. */
    private static List<Path> jarsOnly(String classpath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path) || hasClassPathManifest(path)) {
                return List.of();
            }
            jars.add(path);
        }
        return jars;
    }

    private static boolean hasClassPathManifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Class-Path") != null;
        } catch (IOException e) {
            return true; // unreadable: not something to build an archive on
        }
    }

    private static String key(List<String> jvm, String classpath, List<Path> jars) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<String> parts = new ArrayList<>(jvm);
            parts.add(System.getProperty("java.vm.version"));
            parts.add(classpath); // as written: the JVM checks the archive against the classpath it was recorded with
            for (Path jar : jars) {
                parts.add(jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis());
            }
            digest.update(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", file, e.toString());
        }
    }
}
