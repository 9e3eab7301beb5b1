package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.bourse.api.OrderRequest;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;
import org.bourse.strategies.BuiltInStrategies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strategies compiled from source into a jar and a class directory here, the way a user builds their own. */
class StrategyLoaderTest {

    @TempDir
    static Path dir;
    private static Path classes;
    private static Path jar;

    private static final Map<String, String> SOURCES = Map.of(
            "Good", """
                    public class Good implements Strategy {
                        private final RandomGenerator rng;
                        private final String price;
                        public Good(String traderId, RandomGenerator rng, Map<String, String> params) {
                            this.rng = rng;
                            this.price = params.getOrDefault("price", "100.00");
                        }
                        public OrderRequest nextOrder(StrategyContext context) {
                            return OrderRequest.limit(Side.BUY, price, rng.nextInt(1, 1_000_000));
                        }
                    }""",
            "NotAStrategy", """
                    public class NotAStrategy {
                        public NotAStrategy(String traderId, RandomGenerator rng, Map<String, String> params) {
                        }
                    }""",
            "NoConstructor", """
                    public class NoConstructor implements Strategy {
                        public NoConstructor(String traderId) {
                        }
                        public OrderRequest nextOrder(StrategyContext context) {
                            return null;
                        }
                    }""",
            "BadParam", """
                    public class BadParam implements Strategy {
                        public BadParam(String traderId, RandomGenerator rng, Map<String, String> params) {
                            throw new IllegalArgumentException("spread: must be positive, not " + params.get("spread"));
                        }
                        public OrderRequest nextOrder(StrategyContext context) {
                            return null;
                        }
                    }""",
            "Broken", """
                    public class Broken implements Strategy {
                        public Broken(String traderId, RandomGenerator rng, Map<String, String> params) {
                            throw new IllegalStateException("no model file");
                        }
                        public OrderRequest nextOrder(StrategyContext context) {
                            return null;
                        }
                    }""",
            "Hidden", """
                    class Hidden implements Strategy {
                        public Hidden(String traderId, RandomGenerator rng, Map<String, String> params) {
                        }
                        public OrderRequest nextOrder(StrategyContext context) {
                            return null;
                        }
                    }""",
            "Abstract", """
                    public abstract class Abstract implements Strategy {
                        public Abstract(String traderId, RandomGenerator rng, Map<String, String> params) {
                        }
                    }""");

    @BeforeAll
    static void compileAndPackage() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/com/example"));
        List<String> arguments = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-classpath",
                Path.of(Strategy.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString()));
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            Path file = sources.resolve(source.getKey() + ".java");
            Files.writeString(file, "package com.example;\nimport java.util.Map;\n"
                    + "import java.util.random.RandomGenerator;\nimport org.bourse.api.*;\n" + source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();
        classes = dir.resolve("classes");
        jar = dir.resolve("strategies.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
    }

    @Test
    void aStrategyFromAJarGetsItsParamsAndARandomGeneratorSeededFromTheSeed() throws Exception {
        StrategyLoader loader = StrategyLoader.create(List.of(jar), null);
        Strategy first = loader.create("com.example.Good", "me", new SplittableRandom(7), Map.of("price", "99.50"));
        Strategy again = loader.create("com.example.Good", "me", new SplittableRandom(7), Map.of("price", "99.50"));
        OrderRequest order = first.nextOrder(StrategyContext.builder("me").build());
        assertThat(order.price()).isEqualByComparingTo("99.50");
        assertThat(again.nextOrder(StrategyContext.builder("me").build()).qty()).isEqualTo(order.qty());
        assertThat(first.getClass().getClassLoader()).isNotSameAs(StrategyLoader.class.getClassLoader());
    }

    @Test
    void aStrategyFromAClassDirectoryOnTheClasspath() throws Exception {
        // an empty entry (a doubled or leading separator) is skipped
        StrategyLoader loader = StrategyLoader.create(List.of(), File.pathSeparator + classes);
        assertThat(loader.create("com.example.Good", "me", new SplittableRandom(1), Map.of()))
                .isInstanceOf(Strategy.class);
    }

    @Test
    void aStrategyOnTheBotsOwnClasspath() throws Exception {
        Strategy strategy = StrategyLoader.create(List.of(), null)
                .create(ScriptedStrategy.class.getName(), "me", new SplittableRandom(1), Map.of());
        assertThat(strategy).isInstanceOf(ScriptedStrategy.class);
    }

    @Test
    void everyBuiltInLoadsByItsNameInAnyCaseLikeAnyOtherClass() throws Exception {
        StrategyLoader loader = StrategyLoader.create(List.of(), null);
        assertThat(new BuiltInStrategies()).isNotEmpty().allSatisfy(name -> {
            String className = BuiltInStrategies.classNames().get(name);
            assertThat(loader.className(name)).isEqualTo(className);
            assertThat(loader.create(name, "me", new SplittableRandom(1), Map.of()).getClass().getName())
                    .isEqualTo(className);
            assertThat(loader.create(name.toUpperCase(java.util.Locale.ROOT), "me", new SplittableRandom(1),
                    Map.of()).getClass().getName()).as("%s in capitals", name).isEqualTo(className);
        });
        assertThat(loader.className("com.example.Mine")).isEqualTo("com.example.Mine");
    }

    @Test
    void aClassNotFoundNamesWhereItWasLookedForAndTheBuiltIns() throws Exception {
        StrategyLoader loader = StrategyLoader.create(List.of(jar), null);
        assertThatThrownBy(() -> loader.create("com.example.Missing", "me", new SplittableRandom(1), Map.of()))
                .isInstanceOf(StrategyLoadException.class)
                .hasMessage("strategy class 'com.example.Missing' not found in " + jar + " and the bot's own classpath;"
                        + " the built-in strategies are " + BuiltInStrategies.names());
        assertThatThrownBy(() -> loader.create("com/example/Good.class", "me", new SplittableRandom(1), Map.of()))
                .hasMessageContaining("(give the class name, like com.example.MyStrategy, not a file name)");
    }

    @Test
    void aClassThatIsNotAStrategy() {
        assertThatThrownBy(() -> create("com.example.NotAStrategy", Map.of()))
                .hasMessage("class com.example.NotAStrategy does not implement org.bourse.api.Strategy");
    }

    @Test
    void aStrategyWithoutTheConstructorTheBotCalls() {
        assertThatThrownBy(() -> create("com.example.NoConstructor", Map.of()))
                .hasMessage("class com.example.NoConstructor has no public constructor NoConstructor(String traderId, "
                        + "java.util.random.RandomGenerator rng, java.util.Map<String, String> params)");
    }

    @Test
    void aConstructorThatRefusesAParameterIsQuoted() {
        assertThatThrownBy(() -> create("com.example.BadParam", Map.of("spread", "-1")))
                .hasMessage("cannot create strategy com.example.BadParam: spread: must be positive, not -1");
        assertThatThrownBy(() -> create("com.example.Broken", Map.of()))
                .hasMessage("cannot create strategy com.example.Broken: its constructor threw "
                        + "IllegalStateException: no model file");
    }

    @Test
    void aClassThatIsNotPublicOrNotConcrete() {
        assertThatThrownBy(() -> create("com.example.Hidden", Map.of()))
                .hasMessage("class com.example.Hidden is not public");
        assertThatThrownBy(() -> create("com.example.Abstract", Map.of()))
                .hasMessage("class com.example.Abstract is abstract: give a concrete strategy class");
    }

    @Test
    void aJarThatIsMissingOrNotAJar() throws IOException {
        Path missing = dir.resolve("missing.jar");
        assertThatThrownBy(() -> StrategyLoader.create(List.of(missing), null))
                .hasMessage("--strategy-jar: " + missing + " does not exist");
        Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        assertThatThrownBy(() -> StrategyLoader.create(List.of(text), null))
                .hasMessageStartingWith("--strategy-jar: " + text + " is not a jar file (");
        assertThatThrownBy(() -> StrategyLoader.create(List.of(classes), null))
                .hasMessage("--strategy-jar: " + classes + " is a directory (give a jar, or use --classpath for a "
                        + "directory of classes)");
        assertThatThrownBy(() -> StrategyLoader.create(List.of(), classes + File.pathSeparator + missing))
                .hasMessage("--classpath: " + missing + " does not exist");
    }

    @Test
    void aJarThatCannotBeRead() throws IOException {
        Path locked = Files.copy(jar, dir.resolve("locked.jar"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked)).as("root reads every file").isFalse();
        assertThatThrownBy(() -> StrategyLoader.create(List.of(locked), null))
                .hasMessage("--strategy-jar: " + locked + " is not readable");
    }

    private static Strategy create(String className, Map<String, String> params) throws Exception {
        return StrategyLoader.create(List.of(jar), null).create(className, "me", new SplittableRandom(1), params);
    }
}
