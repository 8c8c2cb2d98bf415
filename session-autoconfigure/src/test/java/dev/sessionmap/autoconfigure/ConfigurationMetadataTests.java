package dev.sessionmap.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the build generates (what IDEs show) and the README's
 * properties table describe the same {@code app.session.*} properties, whichever exist at
 * build time, so neither can drift from the code.
 */
class ConfigurationMetadataTests {

    private static final Pattern NAME = Pattern.compile("`(app\\.session\\.[^`]+)`");

    private final Map<String, JsonNode> properties = metadata();

    @Test
    void theBuildGeneratesMetadataForTheProperties() {
        assertThat(this.properties).containsKeys("app.session.store", "app.session.timeout", "app.session.cookie.name");
    }

    @Test
    void everyPropertyHasADescription() {
        List<String> undescribed = this.properties.entrySet()
            .stream()
            .filter((property) -> property.getValue().path("description").asString("").isBlank())
            .map(Map.Entry::getKey)
            .toList();
        assertThat(undescribed).as("properties without a Javadoc description (it becomes the IDE help)").isEmpty();
    }

    @Test
    void theReadmeListsEveryPropertyAndNoOther() throws IOException {
        Map<String, Row> readme = readmeTable();
        Set<String> missing = new TreeSet<>(this.properties.keySet());
        missing.removeAll(readme.keySet());
        assertThat(missing).as("properties missing from the README's properties table").isEmpty();
        Set<String> unknown = new TreeSet<>(readme.keySet());
        unknown.removeAll(this.properties.keySet());
        assertThat(unknown).as("README rows naming a property that does not exist").isEmpty();
    }

    @Test
    void theReadmeGivesTheDefaultThatTheCodeHas() throws IOException {
        Map<String, Row> readme = readmeTable();
        this.properties.forEach((name, property) -> {
            JsonNode defaultValue = property.path("defaultValue");
            Row row = readme.get(name);
            if (defaultValue.isValueNode() && !defaultValue.isNull() && row != null && row.defaultCell() != null) {
                assertThat(row.defaultCell()).as("README default of %s", name)
                    .contains("`" + defaultValue.asString() + "`");
            }
        });
    }

    /**
     * Every {@code app.session.*} property in the generated metadata on the classpath, by
     * name.
     */
    private static Map<String, JsonNode> metadata() {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString("");
                        if (name.startsWith("app.session.")) {
                            properties.put(name, property);
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return properties;
    }

    /**
     * The README's table rows that name {@code app.session.*} properties in their first
     * cell, by name, each with its table's "default" cell, if the table has that column.
     * {@code app.session.x[0]} or {@code app.session.x.*} count as {@code app.session.x}.
     */
    private static Map<String, Row> readmeTable() throws IOException {
        Path readme = Path.of("..", "README.md");
        assertThat(readme).as("the project README, read from the module directory").isRegularFile();
        Map<String, Row> rows = new LinkedHashMap<>();
        int defaultColumn = -1;
        for (String line : Files.readAllLines(readme)) {
            if (!line.startsWith("|")) {
                defaultColumn = -1;
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1).split("\\|")).map(String::strip).toList();
            if (cells.contains("default")) {
                defaultColumn = cells.indexOf("default");
            }
            Matcher name = NAME.matcher(cells.get(0));
            while (name.find()) {
                String defaultCell = (defaultColumn >= 0 && defaultColumn < cells.size()) ? cells.get(defaultColumn)
                        : null;
                rows.put(name.group(1).replaceAll("(\\[.*|\\.\\*.*|\\.<.*)$", ""), new Row(defaultCell));
            }
        }
        return rows;
    }

    private record Row(@Nullable String defaultCell) {
    }

}
