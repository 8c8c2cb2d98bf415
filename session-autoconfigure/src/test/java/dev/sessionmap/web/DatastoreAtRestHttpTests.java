package dev.sessionmap.web;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.core.SessionIds;

/** Encryption at rest over real HTTP on the datastore store (H2). */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class DatastoreAtRestHttpTests extends AbstractAtRestHttpTests {

    @Autowired
    private DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        encryptAtRest(registry);
    }

    @Override
    protected Map<String, String> stored(String id) {
        return Map.of("data", new JdbcTemplate(this.dataSource).queryForObject(
                "SELECT data FROM sessionmap_session WHERE id_hash = ?", String.class, SessionIds.hash(id)));
    }

    @Override
    protected void copyData(String from, String to) {
        new JdbcTemplate(this.dataSource).update("UPDATE sessionmap_session SET data = ? WHERE id_hash = ?",
                stored(from).get("data"), SessionIds.hash(to));
    }

}
