package dev.sessionmap.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's counters over real HTTP, on its embedded H2. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CounterControllerTests {

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private String cookie;

    @Test
    void bothCountersCountTheVisitsOfOneVisitor() {
        assertThat(get("/counter").body()).isEqualTo("1");
        assertThat(get("/counter/atomic").body()).isEqualTo("2");
        assertThat(get("/counter").body()).isEqualTo("3");
    }

    @Test
    void theAtomicCounterLosesNoVisitWhenRequestsRunAtOnce() {
        get("/counter/atomic");
        List<CompletableFuture<HttpResponse<String>>> visits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            visits.add(this.client.sendAsync(request("/counter/atomic"), HttpResponse.BodyHandlers.ofString()));
        }
        visits.forEach((visit) -> assertThat(visit.join().statusCode()).isEqualTo(200));
        assertThat(get("/counter/atomic").body()).isEqualTo("22");
    }

    private HttpResponse<String> get(String path) {
        HttpResponse<String> response = this.client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString())
            .join();
        response.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter((h) -> h.startsWith("sessionid="))
            .findFirst()
            .ifPresent((header) -> this.cookie = header.substring("sessionid=".length(), header.indexOf(';')));
        return response;
    }

    private HttpRequest request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
        if (this.cookie != null) {
            request.header("Cookie", "sessionid=" + this.cookie);
        }
        return request.build();
    }

}
