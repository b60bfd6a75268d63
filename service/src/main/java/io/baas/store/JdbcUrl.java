package io.baas.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a {@code jdbc:postgresql://host:port/database?params} URL that database creation needs. */
record JdbcUrl(String prefix, String database, String params) {

    private static final Pattern FORM = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]+)(\\?.*)?");

    static JdbcUrl parse(String url) {
        Matcher matcher = FORM.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a database: " + url);
        }
        return new JdbcUrl(matcher.group(1), matcher.group(2), matcher.group(3) == null ? "" : matcher.group(3));
    }

    String withDatabase(String other) {
        return prefix + other + params;
    }

    String quotedDatabase() {
        return '"' + database.replace("\"", "\"\"") + '"';
    }
}
