package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session killed with SIGKILL runs none of its shutdown code, yet leaves nothing behind: the exchange, relay,
 * battle and monitor watch the session, and the bots watch the battle.
 */
class SessionKilledTest {

    @TempDir
    Path dir;

    private final Set<ProcessHandle> processes = new HashSet<>();
    private Process session;

    @AfterEach
    void killLeftovers() {
        processes.forEach(ProcessHandle::destroyForcibly);
        if (session != null) {
            session.destroyForcibly();
        }
    }

    @Test
    void everyProcessOfASessionEndsWhenTheSessionIsKilled() throws Exception {
        Path config = Files.writeString(dir.resolve("battle.json"), """
                {"bots": [{"trader_id": "maker_1", "strategy": "maker", "seed": 1},
                          {"trader_id": "maker_2", "strategy": "maker", "seed": 2}]}
                """);
        session = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), SessionMain.class.getName(),
                "--config", config.toString(), "--duration", "300s", "--run-dir", dir.resolve("run").toString(),
                "--gateway-port", "0", "--stream-port", "0", "--feed-port", "0", "--admin-port", "0",
                "--http-port", "0"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        // exchange, relay, battle, monitor and the two bots
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            session.descendants().forEach(processes::add);
            return processes.stream().filter(ProcessHandle::isAlive).count() >= 6;
        });

        session.destroyForcibly(); // SIGKILL: no shutdown hook of the session runs

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(processes).as("no process left behind").noneMatch(ProcessHandle::isAlive));
    }
}
