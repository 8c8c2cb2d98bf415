package dev.sessionmap.benchmarks.apps;

import java.time.Duration;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /bench/sql/<probe>}: the statements of the request probed as
 * {@code <probe>}, one per line.
 */
@RestController
class SqlProbeController {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SqlProbes probes;

    SqlProbeController(SqlProbes probes) {
        this.probes = probes;
    }

    @GetMapping(path = "/bench/sql/{probe}", produces = MediaType.TEXT_PLAIN_VALUE)
    String statements(@PathVariable String probe) {
        List<String> statements = this.probes.await(probe, TIMEOUT);
        StringBuilder body = new StringBuilder();
        statements.forEach((sql) -> body.append(sql.replaceAll("\\s+", " ").trim()).append('\n'));
        return body.toString();
    }

}
