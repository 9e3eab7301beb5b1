package org.bourse.bot.battle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python client's own unit tests ({@code python3 -m unittest} in {@code clients/python}), run in the Python
 * environment a battle would find, so that {@code mvn verify} runs them: a machine without Python 3 and
 * websockets fails here, saying what to install.
 */
class PythonClientTest {
    @Test
    void thePythonClientsUnitTestsPass() throws Exception {
        PythonEnvironment python = PythonEnvironment.locate(null);
        ProcessBuilder unittest = new ProcessBuilder(python.python(), "-m", "unittest", "-v")
                .directory(python.client().toFile()).redirectErrorStream(true);
        unittest.environment().putAll(python.environment());
        unittest.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // leave no __pycache__ in the source tree
        Process process = unittest.start();
        String output = read(process);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).containsPattern("Ran [1-9]\\d* tests").contains("OK");
    }

    @Test
    void aStrategyThatCannotBeCreatedIsOneLineNamingTheBot() throws Exception {
        PythonEnvironment python = PythonEnvironment.locate(null);
        BotLauncher launcher = BotLauncher.forThisJvm().withPython(python);
        BotSpec bot = new BotSpec("py", "py:quoter:Quoter", 1L, null, 0, java.util.Map.of("qty", "none"), List.of(),
                List.of(), BattleConfigReader.DEFAULT_MARKET_DATA_URI, BattleConfigReader.DEFAULT_ORDER_GATEWAY_URI,
                null, true, python.client().resolve("examples"), null);

        assertThat(launcher.pythonProblem(bot)).isEqualTo("py: quoter:Quoter could not be created: strategy parameter "
                + "qty: 'none' is not a whole number");
        assertThat(launcher.pythonProblem(new BotSpec("py", "py:quoter:Quoter", 1L, null, 0, java.util.Map.of(),
                List.of(), List.of(), BattleConfigReader.DEFAULT_MARKET_DATA_URI,
                BattleConfigReader.DEFAULT_ORDER_GATEWAY_URI, null, true, python.client().resolve("examples"), null)))
                .isNull();
    }

    private static String read(Process process) throws IOException {
        try (var in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
