package dev.sessionmap.slice;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static dev.sessionmap.test.SessionMapRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} slice has no JPA, so the application's datastore store cannot
 * exist there; controllers that take a {@code SessionMap} still work, on the in-memory
 * store the slice adds.
 */
@WebMvcTest(controllers = SliceTestApplication.Counter.class)
class SessionMapWebMvcTests {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private SessionStore store;

    @Test
    void aSliceTestGetsAWorkingSessionMap() throws Exception {
        assertThat(this.store).isInstanceOf(InMemorySessionStore.class);
        MvcResult first = this.mvc.perform(get("/counter"))
            .andExpect(status().isOk())
            .andExpect(content().string("1"))
            .andReturn();
        Cookie cookie = first.getResponse().getCookie("sessionid");
        assertThat(cookie).isNotNull();
        this.mvc.perform(get("/counter").cookie(cookie)).andExpect(content().string("2"));
        this.mvc.perform(get("/counter")).andExpect(content().string("1"));
        this.mvc.perform(get("/noop")).andExpect(status().isOk());
    }

    @Test
    void aTestSeedsTheSessionAndReadsItAfterTheRequest() throws Exception {
        MvcResult result = this.mvc
            .perform(get("/counter").with(session(Map.of("count", 41, "cart", List.of("apple")))))
            .andExpect(content().string("42"))
            .andReturn();
        assertThat(session(result)).containsEntry("count", 42).containsEntry("cart", List.of("apple"));
        assertThat(session(this.mvc.perform(get("/noop")).andReturn())).as("no session").isEmpty();
    }

}
