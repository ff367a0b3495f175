package dev.flern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine through its public API: statements, results, errors, atomicity, the compile cache. */
class EngineTest {
  static Flern db;
  static FlernConnection c;

  @BeforeAll
  static void open() {
    db = Flern.open();
    c = db.connect();
    c.executeScript("""
        CREATE TABLE items (id INTEGER NOT NULL, name VARCHAR, price DECIMAL(10,2), qty BIGINT, sold DATE, ok BOOLEAN);
        INSERT INTO items VALUES
          (1, 'apple', 1.50, 10, DATE '2024-01-02', true),
          (2, 'pear', 2.25, NULL, DATE '2024-02-03', false),
          (3, NULL, NULL, 7, NULL, NULL),
          (4, 'fig', 10.00, 3, DATE '2023-12-31', true);
        """);
  }

  @AfterAll
  static void close() {
    c.close();
    db.close();
  }

  @Test
  void theSameQueryWithOtherLiteralsCompilesOnce() {
    Result first = c.execute("SELECT id, name FROM items WHERE price > 2.00 AND name <> 'zzz' ORDER BY id");
    Result second = c.execute("SELECT id, name FROM items WHERE price > 9.50 AND name <> 'fig' ORDER BY id");
    assertEquals(2, first.rowCount());
    assertEquals(0, second.rowCount());
    assertTrue(second.timings().cacheHit(), "other literals must reuse the compiled library");
    assertEquals(0, second.timings().compileNanos());
    Result third = c.execute("SELECT id, name FROM items WHERE price > 9.50 AND name <> 'pear' ORDER BY id");
    assertEquals(1, third.rowCount());
    assertEquals(4, third.get(0, 0));
    assertEquals(c.generatedCode("SELECT id, name FROM items WHERE price > 2.00 AND name <> 'a' ORDER BY id"),
        c.generatedCode("SELECT id, name FROM items WHERE price > 7.25 AND name <> 'bb' ORDER BY id"));
  }

  @Test
  void resultsCarryTypesAndJavaValues() {
    Result r = c.execute("SELECT id, name, price, qty, sold, ok FROM items WHERE id = 1");
    assertEquals(java.util.List.of("id", "name", "price", "qty", "sold", "ok"), r.columnNames());
    assertEquals(SqlType.decimal(10, 2), r.columnTypes().get(2));
    assertEquals(1, r.get(0, 0));
    assertEquals("apple", r.get(0, 1));
    assertEquals(new BigDecimal("1.50"), r.get(0, 2));
    assertEquals(10L, r.get(0, 3));
    assertEquals(LocalDate.of(2024, 1, 2), r.get(0, 4));
    assertEquals(true, r.get(0, 5));
  }

  @Test
  void errorsAreExceptionsAndTheConnectionGoesOn() {
    FlernException div = assertThrows(FlernException.class, () -> c.execute("SELECT id / (id - id) FROM items"));
    assertTrue(div.getMessage().contains("division by zero"), div.getMessage());
    FlernException syntax = assertThrows(FlernException.class, () -> c.execute("SELECT FROM WHERE"));
    assertTrue(syntax.getMessage().contains("line 1"), syntax.getMessage());
    FlernException missing = assertThrows(FlernException.class, () -> c.execute("SELECT nope FROM items"));
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    assertEquals(4L, c.execute("SELECT count(*) FROM items").get(0, 0));
  }

  @Test
  void aFailingStatementChangesNothing() {
    c.execute("CREATE TABLE copy1 AS SELECT id, qty FROM items");
    long before = (Long) c.execute("SELECT count(*) FROM copy1").get(0, 0);
    assertThrows(FlernException.class, () -> c.execute("INSERT INTO copy1 SELECT id, 100 / (qty - 7) FROM items"));
    assertThrows(FlernException.class, () -> c.execute("INSERT INTO items VALUES (NULL, 'x', 1, 1, NULL, NULL)"));
    assertThrows(FlernException.class, () -> c.execute("INSERT INTO items SELECT NULL, name, price, qty, sold, ok FROM items"));
    assertEquals(before, c.execute("SELECT count(*) FROM copy1").get(0, 0));
    assertEquals(4L, c.execute("SELECT count(*) FROM items").get(0, 0));
    c.execute("DROP TABLE copy1");
    assertThrows(FlernException.class, () -> c.execute("SELECT * FROM copy1"));
  }

  @Test
  void explainShowsThePlanAndTheCode() {
    String plan = c.explain("SELECT name, sum(qty) FROM items WHERE ok GROUP BY name");
    assertTrue(plan.contains("HashAggregate"), plan);
    assertTrue(plan.contains("Scan items"), plan);
    String code = c.generatedCode("SELECT name, sum(qty) FROM items WHERE ok GROUP BY name");
    assertTrue(code.contains("flern_query_main"), code);
    assertTrue(code.contains("Pipeline 1: scan"), code);
    assertFalse(code.contains("items"), "no query text in the generated source");
  }

  @Test
  void likePatternsOfEveryKind() {
    c.executeScript("""
        CREATE TABLE words (w VARCHAR);
        INSERT INTO words VALUES ('apple'), ('pineapple'), ('app'), (''), ('grape'), (NULL), ('a%b'), ('APPLE');
        """);
    String q = "SELECT w FROM words WHERE w LIKE '%s' ORDER BY w";
    assertEquals(java.util.List.of("app", "apple"), column(c.execute(q.formatted("app%"))));
    assertEquals(java.util.List.of("apple", "pineapple"), column(c.execute(q.formatted("%ple"))));
    assertEquals(java.util.List.of("app", "apple", "pineapple"), column(c.execute(q.formatted("%pp%"))));
    assertEquals(java.util.List.of("apple"), column(c.execute(q.formatted("apple"))));
    assertEquals(java.util.List.of("", "APPLE", "a%b", "app", "apple", "grape", "pineapple"), column(c.execute(q.formatted("%"))));
    // Patterns the general matcher handles.
    assertEquals(java.util.List.of("a%b"), column(c.execute(q.formatted("a_b"))));
    assertEquals(java.util.List.of("app", "apple"), column(c.execute(q.formatted("_pp%"))));
    assertEquals(java.util.List.of(""), column(c.execute("SELECT w FROM words WHERE w LIKE '' ORDER BY w")));
    assertEquals(5L, c.execute("SELECT count(*) FROM words WHERE w NOT LIKE 'app%'").get(0, 0));
    assertEquals(c.generatedCode("SELECT w FROM words WHERE w LIKE 'app%'"), c.generatedCode("SELECT w FROM words WHERE w LIKE 'zz%'"));
  }

  private static java.util.List<Object> column(Result r) {
    return r.column(0);
  }

  @Test
  void nullsSortAsTheLargestValue() {
    Result asc = c.execute("SELECT name FROM items ORDER BY name");
    assertNull(asc.get(3, 0));
    Result desc = c.execute("SELECT name FROM items ORDER BY name DESC");
    assertNull(desc.get(0, 0));
    Result first = c.execute("SELECT name FROM items ORDER BY name NULLS FIRST");
    assertNull(first.get(0, 0));
  }

  @Test
  void settingsValidateTheirValues() {
    assertThrows(FlernException.class, () -> c.execute("SET threads = 0"));
    assertThrows(FlernException.class, () -> c.execute("SET memory_limit = 'lots'"));
    assertThrows(FlernException.class, () -> c.execute("SET nonsense = 1"));
  }

  @Test
  void exceedingTheMemoryLimitIsACleanError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path csv = dir.resolve("keys.csv");
    StringBuilder b = new StringBuilder("k,v\n");
    for (int i = 0; i < 200_000; i++) b.append(i * 7919L).append(',').append(i % 10).append('\n');
    java.nio.file.Files.writeString(csv, b.toString());
    try (Flern other = Flern.open(); FlernConnection o = other.connect()) {
      o.execute("CREATE TABLE keys (k BIGINT, v INTEGER)");
      o.execute("COPY keys FROM '" + csv + "' (HEADER)");
      String q = "SELECT k, count(*) FROM keys GROUP BY k";
      assertEquals(200_000L, o.execute(q).rowCount());
      o.execute("SET memory_limit = '1MB'");
      FlernException e = assertThrows(FlernException.class, () -> o.execute(q));
      assertTrue(e.getMessage().contains("memory limit"), e.getMessage());
      o.execute("SET memory_limit = '1GB'");
      assertEquals(200_000L, o.execute(q).rowCount());
    }
  }

  @Test
  void persistenceIsRefusedClearly() {
    FlernException e = assertThrows(FlernException.class, () -> Flern.open(java.nio.file.Path.of("x.db")));
    assertTrue(e.getMessage().contains("not supported"), e.getMessage());
  }
}
