package dev.sessionmap.web;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate sends, by their first word. */
public class SqlStatements implements StatementInspector {

    static final List<String> statements = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        statements.add(sql);
        return sql;
    }

    static void reset() {
        statements.clear();
    }

    static List<String> verbs() {
        return statements.stream().map((sql) -> sql.trim().split("\\s+")[0].toUpperCase(Locale.ROOT)).toList();
    }
}
