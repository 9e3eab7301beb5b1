package org.bourse.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a lockstep battle stands, as the exchange's admin endpoint ({@code GET /status}, its {@code lockstep}
 * block) tells it: whether the clock has run out, how many rounds it took, and whether the run is reproducible.
 */
record LockstepStatus(boolean started, boolean finished, long rounds, long decisions, long wallMillis,
                      boolean reproducible, List<String> problems) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Asks the exchange whose admin endpoint listens on {@code adminPort} of this machine. */
    static LockstepStatus fetch(int adminPort) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/status"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the exchange's /status answered " + response.statusCode());
        }
        JsonNode lockstep = JSON.readTree(response.body()).path("lockstep");
        if (!lockstep.isObject()) {
            throw new IOException("the exchange is not running a lockstep battle");
        }
        List<String> problems = new ArrayList<>();
        lockstep.path("problems").forEach(problem -> problems.add(problem.asText()));
        return new LockstepStatus(lockstep.path("started").asBoolean(), lockstep.path("finished").asBoolean(),
                lockstep.path("rounds").asLong(), lockstep.path("decisions").asLong(),
                lockstep.path("wall_millis").asLong(), lockstep.path("reproducible").asBoolean(), List.copyOf(problems));
    }
}
