package dev.sessionmap.autoconfigure;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block of the README compiles against the library as built, so an
 * example that no longer compiles fails the build. A block of statements is compiled as a
 * method body, a block of methods as class members; both see a few names a reader
 * supplies from context ({@code session}, {@code rememberMe}, {@code sessionAdmin},
 * {@code sessionId}).
 */
class ReadmeSnippetsTests {

    /**
     * A method or annotated member at the start of a block: compiled as class members,
     * not statements.
     */
    private static final Pattern MEMBER = Pattern
        .compile("^(@\\w+|[\\w<>\\[\\], ]+\\s+\\w+\\([^;]*\\)\\s*(throws [\\w., ]+)?\\s*\\{)");

    private static final String IMPORTS = """
            import java.time.*;
            import java.util.*;
            import javax.sql.DataSource;
            import org.springframework.boot.jdbc.DataSourceBuilder;
            import org.springframework.context.annotation.Bean;
            import org.springframework.context.event.EventListener;
            import java.security.Principal;
            import org.springframework.security.config.Customizer;
            import org.springframework.security.config.annotation.web.builders.HttpSecurity;
            import org.springframework.security.web.SecurityFilterChain;
            import org.springframework.web.bind.annotation.*;
            import org.springframework.web.servlet.mvc.support.RedirectAttributes;
            import org.junit.jupiter.api.Test;
            import org.springframework.beans.factory.annotation.Autowired;
            import org.springframework.test.web.servlet.*;
            import dev.sessionmap.core.*;
            import dev.sessionmap.autoconfigure.SessionDataSource;
            import dev.sessionmap.test.*;
            import static org.assertj.core.api.Assertions.assertThat;
            import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
            """;

    private static final String CONTEXT = """
                SessionMap session;
                boolean rememberMe;
                SessionAdmin sessionAdmin;
                UserSessions userSessions;
                String sessionId;
                void runLongExport() {
                }
            """;

    @Test
    void everyJavaBlockOfTheReadmeCompiles(@TempDir Path output) throws IOException {
        List<Snippet> snippets = snippets(Files.readAllLines(Path.of("..", "README.md")));
        assertThat(snippets).as("java blocks in the README").hasSizeGreaterThanOrEqualTo(5);
        List<JavaFileObject> sources = snippets.stream().map(Snippet::source).toList();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-proc:none", "-d", output.toString(), "-classpath", classPath());
        boolean compiled = compiler.getTask(new StringWriter(), null, diagnostics, options, null, sources).call();
        List<String> errors = diagnostics.getDiagnostics()
            .stream()
            .filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
            .map((diagnostic) -> diagnostic.getSource().getName() + ": " + diagnostic.getMessage(Locale.ROOT))
            .toList();
        assertThat(errors).as("README java blocks that do not compile").isEmpty();
        assertThat(compiled).isTrue();
    }

    /**
     * The test class path as Surefire gives it (the JVM's own may be a single manifest
     * jar).
     */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return (surefire != null) ? surefire : System.getProperty("java.class.path");
    }

    private static List<Snippet> snippets(List<String> lines) {
        List<Snippet> snippets = new ArrayList<>();
        StringBuilder block = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (block == null && line.strip().equals("```java")) {
                block = new StringBuilder();
                start = i + 2;
            }
            else if (block != null && line.strip().equals("```")) {
                snippets.add(new Snippet(start, block.toString()));
                block = null;
            }
            else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return snippets;
    }

    /** One block, starting at {@code line} of the README. */
    private record Snippet(int line, String code) {

        JavaFileObject source() {
            String name = "ReadmeLine" + this.line;
            boolean members = MEMBER.matcher(this.code.strip()).find();
            String body = members ? CONTEXT + this.code
                    : CONTEXT + "    void snippet() throws Exception {\n" + this.code + "    }\n";
            String text = IMPORTS + "class " + name + " {\n" + body + "}\n";
            return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {

                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            };
        }
    }

}
