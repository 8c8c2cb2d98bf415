package dev.sessionmap.sample;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.memory.InMemorySessionStore;

/**
 * The sample on the in-memory store, which finds a member's sessions, in place of the
 * datastore until its table has the principal index.
 */
@TestConfiguration(proxyBeanMethods = false)
class InMemorySessions {

    @Bean
    SessionStore sessionStore(SessionCodec codec) {
        return new InMemorySessionStore(codec);
    }

}
