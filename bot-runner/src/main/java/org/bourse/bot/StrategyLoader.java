package org.bourse.bot;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.jar.JarFile;
import java.util.random.RandomGenerator;
import org.bourse.api.Strategy;
import org.bourse.strategies.BuiltInStrategies;

/**
 * Finds a strategy class, by a built-in short name or by its fully qualified name, in the user's jars and
 * directories ({@code --strategy-jar}, {@code --classpath}) or on the bot's own classpath, and creates it with its
 * public {@code (String traderId, RandomGenerator rng, Map<String, String> params)} constructor. The built-ins are
 * loaded by name exactly like a user's class. Every failure is a {@link StrategyLoadException} with one line that
 * says what to fix.
 */
public final class StrategyLoader {

    private static final String CONSTRUCTOR = "(String traderId, java.util.random.RandomGenerator rng, "
            + "java.util.Map<String, String> params)";

    private final ClassLoader classLoader;
    /** Where classes are looked for, for error messages. */
    private final String searched;

    StrategyLoader(ClassLoader classLoader, String searched) {
        this.classLoader = classLoader;
        this.searched = searched;
    }

    /**
     * A loader that looks in {@code jars}, then in the {@code classpath} entries (jars or class directories,
     * separated by the platform's path separator), after the bot's own classpath.
     *
     * @throws StrategyLoadException if a jar or an entry does not exist, cannot be read or is not a jar
     */
    public static StrategyLoader create(List<Path> jars, String classpath) throws StrategyLoadException {
        List<URL> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(url("--strategy-jar", jar, false));
            names.add(jar.toString());
        }
        if (classpath != null) {
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(url("--classpath", Path.of(entry), true));
                    names.add(entry);
                }
            }
        }
        ClassLoader parent = StrategyLoader.class.getClassLoader();
        if (urls.isEmpty()) {
            return new StrategyLoader(parent, "the bot's own classpath");
        }
        // Parent first: org.bourse.api must be the bot's own copy, or the strategy would not be a Strategy here.
        ClassLoader loader = new URLClassLoader("strategies", urls.toArray(URL[]::new), parent);
        return new StrategyLoader(loader, String.join(", ", names) + " and the bot's own classpath");
    }

    /** The class a {@code --strategy} value names: a built-in's class for a short name, else the value itself. */
    public String className(String nameOrClass) {
        String builtIn = BuiltInStrategies.classNameOf(nameOrClass);
        return builtIn != null ? builtIn : nameOrClass;
    }

    /**
     * Creates the strategy with the random generator every bot gives its strategy, seeded with {@code seed}: the same
     * seed, the same numbers, whichever process runs it.
     */
    public Strategy create(String nameOrClass, String traderId, long seed, Map<String, String> params)
            throws StrategyLoadException {
        return create(nameOrClass, traderId, new SplittableRandom(seed), params);
    }

    /**
     * Loads the strategy's class and creates it.
     *
     * @param nameOrClass a built-in short name or a fully qualified class name
     * @throws StrategyLoadException with one line: the class is not found (naming where it was looked for and the
     *                               built-in names), is not a Strategy, is not public or concrete, has no suitable
     *                               constructor, or its constructor threw (its message, e.g. a bad parameter)
     */
    public Strategy create(String nameOrClass, String traderId, RandomGenerator rng, Map<String, String> params)
            throws StrategyLoadException {
        String className = className(nameOrClass);
        Class<?> type = load(nameOrClass, className);
        if (!Strategy.class.isAssignableFrom(type)) {
            throw new StrategyLoadException("class " + className + " does not implement " + Strategy.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new StrategyLoadException("class " + className + " is abstract: give a concrete strategy class");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new StrategyLoadException("class " + className + " is not public");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(String.class, RandomGenerator.class, Map.class);
        } catch (NoSuchMethodException e) {
            throw new StrategyLoadException("class " + className + " has no public constructor "
                    + type.getSimpleName() + CONSTRUCTOR);
        }
        try {
            return (Strategy) constructor.newInstance(traderId, rng, params);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            // A strategy refuses a parameter with IllegalArgumentException and a message naming it.
            String why = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "its constructor threw " + describe(cause);
            throw new StrategyLoadException("cannot create strategy " + className + ": " + why);
        } catch (ExceptionInInitializerError e) {
            throw new StrategyLoadException("class " + className + " failed to initialize: "
                    + describe(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new StrategyLoadException("cannot create strategy " + className + ": " + describe(e));
        }
    }

    private Class<?> load(String nameOrClass, String className) throws StrategyLoadException {
        try {
            return Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException e) {
            String hint = className.endsWith(".class") || className.endsWith(".java") || className.contains("/")
                    ? " (give the class name, like com.example.MyStrategy, not a file name)" : "";
            throw new StrategyLoadException("strategy class '" + className + "' not found" + hint + " in "
                    + searched + "; the built-in strategies are " + BuiltInStrategies.names());
        } catch (LinkageError e) {
            // a class file compiled for a newer Java, or one whose name does not match its file
            throw new StrategyLoadException("cannot load strategy class " + className + ": " + describe(e));
        }
    }

    private static URL url(String option, Path path, boolean directoryAllowed) throws StrategyLoadException {
        if (!Files.exists(path)) {
            throw new StrategyLoadException(option + ": " + path + " does not exist");
        }
        if (!Files.isReadable(path)) {
            throw new StrategyLoadException(option + ": " + path + " is not readable");
        }
        if (Files.isDirectory(path)) {
            if (!directoryAllowed) {
                throw new StrategyLoadException(option + ": " + path + " is a directory (give a jar, or use "
                        + "--classpath for a directory of classes)");
            }
        } else {
            try {
                new JarFile(path.toFile()).close(); // opens only a jar (or zip) file
            } catch (IOException e) {
                throw new StrategyLoadException(option + ": " + path + " is not a jar file (" + e.getMessage() + ")");
            }
        }
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new StrategyLoadException(option + ": " + path + " cannot be used: " + e.getMessage());
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "an unknown error";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
                + t.getMessage();
    }

}
