package dev.flern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatementKindTest {
  @Test
  void kinds() {
    assertEquals(StatementKind.QUERY, StatementKind.of("-- c\n/* d */ (SELECT 1)"));
    assertEquals(StatementKind.QUERY, StatementKind.of("with x as (select 1) select * from x"));
    assertEquals(StatementKind.QUERY, StatementKind.of("VALUES (1)"));
    assertEquals(StatementKind.EXPLAIN, StatementKind.of("explain (code) select 1"));
    assertEquals(StatementKind.INSERT, StatementKind.of("insert into t values (1)"));
    assertEquals(StatementKind.COPY, StatementKind.of("COPY t FROM 'f.csv'"));
    assertEquals(StatementKind.CREATE, StatementKind.of("CREATE TABLE t (a INT)"));
    assertEquals(StatementKind.DROP, StatementKind.of("DROP TABLE t"));
    assertEquals(StatementKind.SET, StatementKind.of("SET threads = 2"));
    assertEquals(StatementKind.OTHER, StatementKind.of("\"select\""));
    assertEquals(StatementKind.OTHER, StatementKind.of(""));
  }

  @Test
  void statusLines() {
    assertEquals("3 rows inserted", Session.status(StatementKind.INSERT, 3));
    assertEquals("1 row inserted", Session.status(StatementKind.INSERT, 1));
    assertEquals("2000 rows loaded", Session.status(StatementKind.COPY, 2000));
    assertEquals("5 rows inserted", Session.status(StatementKind.CREATE, 5));
    assertEquals("OK", Session.status(StatementKind.CREATE, 0));
    assertEquals("OK", Session.status(StatementKind.DROP, 0));
    assertEquals("OK", Session.status(StatementKind.SET, 0));
  }
}
