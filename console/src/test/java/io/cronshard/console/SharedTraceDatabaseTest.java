package io.cronshard.console;

import static io.cronshard.console.ConsoleFixture.GUEST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applications writing their traces and the console reading them, all on one H2 file database (the
 * setup that got a 503 on one query in six when the console opened a connection per request): every one of
 * many concurrent reads answers.
 */
class SharedTraceDatabaseTest {

    @Test
    void twoWritersAndTheConsoleShareOneH2FileWithoutA503(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("trace").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (ConsoleFixture fixture = ConsoleFixture.withTracingPoolPerJob(url, "writer-a", "writer-b")) {
            ConsoleClient guest = new ConsoleClient(fixture.baseUrl());
            guest.login("guest", GUEST_PASSWORD);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                    total(guest.get("/api/history/executions?jobName=writer-a")) >= 2 && total(guest.get("/api/history/executions?jobName=writer-b")) >= 2);

            List<String> paths = List.of("/api/history/executions?jobName=writer-a", "/api/history/executions?jobName=writer-b&size=50",
                    "/api/history/status-traces?jobName=writer-a", "/api/history/executions?success=true&sort=jobName&order=ASC");
            ExecutorService readers = Executors.newFixedThreadPool(6);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 240; i++) {
                    String path = paths.get(i % paths.size());
                    answers.add(readers.submit(() -> guest.get(path).statusCode()));
                }
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (Future<Integer> each : answers) {
                    statuses.merge(each.get(), 1, Integer::sum);
                }
                assertThat(statuses).isEqualTo(Map.of(200, 240));
            } finally {
                readers.shutdownNow();
            }
            assertThat(JsonParser.parseString(guest.get("/api/history/database").body()).getAsJsonObject().getAsJsonObject("pool")
                    .get("max").getAsInt()).isEqualTo(4);
        }
    }

    private static long total(HttpResponse<String> response) {
        return response.statusCode() == 200 ? JsonParser.parseString(response.body()).getAsJsonObject().get("total").getAsLong() : -1;
    }
}
