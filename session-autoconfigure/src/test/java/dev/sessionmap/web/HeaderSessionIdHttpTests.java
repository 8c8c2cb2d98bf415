package dev.sessionmap.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Session tokens in a header over real HTTP on the datastore store (H2). */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "app.session.header-name=" + ApiClient.HEADER)
class HeaderSessionIdHttpTests extends AbstractHeaderSessionIdHttpTests {

    @Override
    protected boolean revokesOldTokens() {
        return true;
    }
}
