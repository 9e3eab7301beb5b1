package org.bourse.bot.battle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.bourse.bot.battle.Battle.Ending;
import org.bourse.bot.battle.Battle.Outcome;
import org.bourse.cli.ParentWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real bot JVMs (a {@link FakeBot} packed in a jar) recording and mapping a class-data archive. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedClassArchiveTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void theFirstBattleRecordsTheArchiveAndTheNextOnesMapIt() throws IOException {
        Path cache = dir.resolve("cache");
        String jar = fakeBotJar(null).toString();

        List<Outcome> first = battle(launcher(jar).withSharedClassArchive(cache));

        assertThat(first).extracting(Outcome::ending).containsOnly(Ending.EXITED);
        assertThat(filesIn(cache)).singleElement().asString().matches(".*/bot-[0-9a-f]{16}\\.jsa");

        SharedClassArchive next = SharedClassArchive.prepare(JAVA, BotLauncher.FAST_START_FLAGS, jar, cache).orElseThrow();
        assertThat(next.flagsForNextBot()).contains("-XX:SharedArchiveFile=" + next.archive());
        assertThat(next.flagsForNextBot()).as("every bot maps it").contains("-XX:SharedArchiveFile=" + next.archive());

        List<Outcome> second = battle(launcher(jar).withSharedClassArchive(cache));
        assertThat(second).extracting(Outcome::ending).containsOnly(Ending.EXITED);
        assertThat(filesIn(cache)).singleElement().isEqualTo(next.archive());
    }

    @Test
    void aTruncatedArchiveIsNeverMappedButRecordedAgain() throws IOException {
        Path cache = dir.resolve("cache");
        String jar = fakeBotJar(null).toString();
        battle(launcher(jar).withSharedClassArchive(cache));
        Path archive = filesIn(cache).get(0);
        byte[] content = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(content, content.length / 2)); // mapping this would crash the JVM

        SharedClassArchive again = SharedClassArchive.prepare(JAVA, BotLauncher.FAST_START_FLAGS, jar, cache).orElseThrow();

        assertThat(archive).doesNotExist();
        assertThat(again.flagsForNextBot()).anyMatch(flag -> flag.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(again.flagsForNextBot()).as("one recording bot is enough").isEmpty();
    }

    @Test
    void onlyAClasspathOfPlainJarsGetsAnArchive() throws IOException {
        Path cache = dir.resolve("cache");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path manifestJar = fakeBotJar("other.jar");

        assertThat(SharedClassArchive.prepare(JAVA, List.of(), classes.toString(), cache)).isEmpty();
        assertThat(SharedClassArchive.prepare(JAVA, List.of(), manifestJar.toString(), cache)).isEmpty();
        assertThat(SharedClassArchive.prepare(JAVA, List.of(), dir.resolve("missing.jar").toString(), cache)).isEmpty();
        assertThat(cache).doesNotExist();
    }

    private static BotLauncher launcher(String classpath) {
        return new BotLauncher(JAVA, BotLauncher.FAST_START_FLAGS, classpath, FakeBot.class.getName());
    }

    private static List<Outcome> battle(BotLauncher launcher) {
        BotSpec one = fakeBot("one");
        BotSpec two = fakeBot("two");
        PrintStream output = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new Battle(launcher, List.of(one, two), output).run(null, false);
    }

    private static BotSpec fakeBot(String traderId) {
        return new BotSpec(traderId, "maker", 1L, null, 0, Map.of("exit_after_ms", "200"), List.of(), List.of(),
                URI.create("ws://127.0.0.1:1"), URI.create("ws://127.0.0.1:2"), null, true);
    }

    /**
     * A jar holding {@link FakeBot}, {@link BattleBotMain} and the {@link ParentWatch} it starts; with a
     * {@code Class-Path} manifest when {@code classPath} is given.
     */
    private Path fakeBotJar(String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = dir.resolve(classPath == null ? "fake-bot.jar" : "fake-bot-with-class-path.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Class<?> type : List.of(BattleBotMain.class, FakeBot.class, ParentWatch.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
