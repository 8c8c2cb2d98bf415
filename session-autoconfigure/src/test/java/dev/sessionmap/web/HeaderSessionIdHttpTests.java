package dev.sessionmap.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.sessionmap.test.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session tokens in a header over real HTTP on the datastore store (H2), with periodic id
 * rotation.
 */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.session.header-name=" + ApiClient.HEADER, "app.session.rotate-id-every=1h",
                "app.session.rotate-id-grace-period=30s" })
class HeaderSessionIdHttpTests extends AbstractHeaderSessionIdHttpTests {

    @Autowired
    private MovableClock clock;

    @Test
    void periodicRotationSendsTheNewTokenAndTheOldOneIsHandedItDuringTheGracePeriod() {
        this.client.get("/counter");
        String first = this.client.token;
        this.clock.advance(Duration.ofHours(1));
        assertThat(this.client.get("/counter").body()).isEqualTo("2");
        String second = this.client.token;
        assertThat(second).isNotEmpty().isNotEqualTo(first);

        this.clock.advance(Duration.ofSeconds(29));
        ApiClient late = new ApiClient(this.port);
        late.token = first;
        assertThat(late.get("/read").body()).isEqualTo("2");
        assertThat(late.token).as("a late request is handed the new token").isEqualTo(second);
    }

    @Override
    protected boolean revokesOldTokens() {
        return true;
    }

}
