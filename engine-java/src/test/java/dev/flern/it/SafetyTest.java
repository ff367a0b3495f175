package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.Result;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Query text never becomes program text: string literals full of C++ come back as data, the generated
 * source does not contain them, and queries that differ only in literals share one compiled library.
 * Errors raised inside a compiled query are FlernExceptions, and the connection goes on working.
 */
class SafetyTest {
  static final List<String> EVIL = List.of(
      "\"); abort(); //",
      "\\",
      "\\\\\\\"",
      "it's ''quoted''",
      "line one\nline two\r\nthree",
      "*/ abort(); /*",
      "/* comment */ int x = 1;",
      "#include <cstdlib>\n#define X abort()",
      "??= ??/ trigraphs",
      "R\"(raw)\" )\" ",
      "日本語 — 😀 é",
      "\\x41\\u0042\\n",
      "}; } int flern_query_main(void*, const void*) { return 0; }",
      "%s%n%x");

  Flern db;
  FlernConnection c;

  @BeforeEach
  void open() {
    db = Flern.open();
    c = db.connect();
    c.execute("CREATE TABLE t (id INTEGER NOT NULL, a INTEGER, s VARCHAR, c DECIMAL(12,2), d DATE)");
    c.execute("INSERT INTO t VALUES (1, 10, 'plain', 1.50, DATE '2020-01-01'), (2, 0, NULL, NULL, NULL), (3, -7, 'x', -2.25, DATE '1999-12-31')");
  }

  @AfterEach
  void close() {
    c.close();
    db.close();
  }

  static String lit(String s) {
    return SqlText.quote(s);
  }

  @Test
  void stringLiteralsFullOfCppComeBackAsData() {
    int id = 100;
    for (String evil : EVIL) {
      id++;
      // A computed value: the literal is a parameter of a compiled program, not a folded constant.
      String select = "SELECT s || " + lit(evil) + ", length(" + lit(evil) + ") FROM t WHERE id = 1";
      Result r = c.execute(select);
      assertEquals("plain" + evil, r.get(0, 0));
      assertEquals((long) evil.codePointCount(0, evil.length()), ((Number) r.get(0, 1)).longValue());

      c.execute("INSERT INTO t VALUES (" + id + ", 1, " + lit(evil) + ", NULL, NULL)");
      Result eq = c.execute("SELECT id, s FROM t WHERE s = " + lit(evil));
      assertEquals(1, eq.rowCount(), "WHERE s = literal finds the inserted row: " + evil);
      assertEquals(id, eq.get(0, 0));
      assertEquals(evil, eq.get(0, 1));

      // INSERT ... SELECT runs a compiled program that writes the literal.
      c.execute("INSERT INTO t SELECT id + 1000, a, " + lit(evil) + " || s, c, d FROM t WHERE id = " + id);
      assertEquals(evil + evil, c.execute("SELECT s FROM t WHERE id = " + (id + 1000)).get(0, 0));

      for (String sql : List.of(select, "SELECT id, s FROM t WHERE s = " + lit(evil))) {
        String code = c.generatedCode(sql);
        assertTrue(code.contains("flern_query_main"), "generated code is shown");
        if (evil.strip().length() >= 3) assertFalse(code.contains(evil.strip()), "literal text in generated code: " + evil);
        for (String bad : List.of("abort()", "#include <cstdlib>", "trigraphs", "日本語", "raw)"))
          if (evil.contains(bad)) assertFalse(code.contains(bad), bad + " appears in the generated code");
      }
    }
  }

  @Test
  void identifiersDoNotReachTheGeneratedCode() {
    String table = "\"we\"\"ird */ table\"";
    String column = "\"col ); abort(); //\"";
    c.execute("CREATE TABLE " + table + " (" + column + " INTEGER, other VARCHAR)");
    c.execute("INSERT INTO " + table + " VALUES (5, 'v'), (NULL, 'w')");
    String sql = "SELECT " + column + " + 1, other FROM " + table + " WHERE " + column + " IS NOT NULL";
    Result r = c.execute(sql);
    assertEquals(1, r.rowCount());
    assertEquals(6, r.get(0, 0));
    String code = c.generatedCode(sql);
    assertFalse(code.contains("abort()"), "column name in generated code");
    assertFalse(code.contains("ird */"), "table name in generated code");
  }

  @Test
  void queriesDifferingOnlyInLiteralsShareOneLibrary() {
    // The first run may compile or find the library from an earlier test run; the second must hit.
    String[][] pairs = {
        {"SELECT id FROM t WHERE s = 'plain'", "SELECT id FROM t WHERE s = '\"); abort(); //'"},
        {"SELECT id, a * 3 FROM t WHERE a > 5", "SELECT id, a * 3 FROM t WHERE a > -100"},
        {"SELECT id FROM t WHERE d < DATE '2000-01-01'", "SELECT id FROM t WHERE d < DATE '2030-06-30'"},
        {"SELECT id, c + 1.25 FROM t WHERE c BETWEEN -5.00 AND 5.00", "SELECT id, c + 9.75 FROM t WHERE c BETWEEN -1.00 AND 1.00"},
        {"SELECT s || 'a', count(*) FROM t GROUP BY s || 'a' ORDER BY 1 NULLS LAST LIMIT 2",
            "SELECT s || 'zz', count(*) FROM t GROUP BY s || 'zz' ORDER BY 1 NULLS LAST LIMIT 3"}};
    for (String[] p : pairs) {
      c.execute(p[0]);
      Result second = c.execute(p[1]);
      assertTrue(second.timings().cacheHit(), "no cache hit for " + p[1] + " after " + p[0] + ": " + second.timings());
      assertEquals(0, second.timings().compileNanos(), "compiled again: " + p[1]);
    }
    // And the answers are the second query's, not the first's.
    assertEquals(3, c.execute("SELECT id, a * 3 FROM t WHERE a > -100").rowCount());
    assertEquals(30, c.execute("SELECT id, a * 3 FROM t WHERE a > 5").get(0, 1));
  }

  @Test
  void exceedingTheMemoryLimitIsACleanError() {
    StringBuilder b = new StringBuilder("INSERT INTO t VALUES ");
    for (int i = 0; i < 1000; i++) b.append(i == 0 ? "" : ", ").append("(").append(1000 + i).append(", ").append(i).append(", 'v").append(i).append("', NULL, NULL)");
    c.execute(b.toString());
    // 1003 x 1003 rows of text: far more than 1 MB.
    c.execute("CREATE TABLE wide AS SELECT t1.id * 10000 + t2.id AS id, t1.s || '-' || t2.s || '-padding-padding' AS v FROM t t1, t t2");
    assertEquals(1003L * 1003, c.execute("SELECT count(*) FROM wide").get(0, 0));
    c.execute("SET memory_limit = '1MB'");
    for (String q : List.of("SELECT id, v FROM wide ORDER BY v, id", "SELECT v || v FROM wide", "SELECT id, count(*) FROM wide GROUP BY id")) {
      FlernException e = assertThrows(FlernException.class, () -> c.execute(q), q);
      assertTrue(e.getMessage().contains("memory limit"), e.getMessage());
      assertEquals(1003L * 1003, c.execute("SELECT count(*) FROM wide").get(0, 0));
    }
    c.execute("SET memory_limit = '4GB'");
    assertEquals(1003L * 1003, c.execute("SELECT id, v FROM wide ORDER BY v, id").rowCount());
  }

  @Test
  void errorsInsideQueriesAreFlernExceptionsAndTheConnectionGoesOn() {
    String[][] cases = {
        {"SELECT 10 / (a - a) FROM t", "division by zero"},
        {"SELECT a % (a - a) FROM t", "division by zero"},
        {"SELECT a * 2147483647 FROM t", "out of range"},
        {"SELECT CAST(a AS BIGINT) * 9223372036854775807 FROM t", "out of range"},
        {"SELECT -CAST(a - a - 2147483647 - 1 AS INTEGER) FROM t WHERE id = 2", "out of range"},
        {"SELECT CAST(s AS INTEGER) FROM t WHERE id = 1", "invalid input syntax"},
        {"SELECT CAST(s AS DATE) FROM t WHERE id = 3", "invalid input syntax"},
        {"SELECT CAST(s || '1' AS DECIMAL(12,2)) FROM t WHERE id = 1", "invalid input syntax"},
        {"SELECT CAST(a * 1000 AS DECIMAL(3,0)) FROM t", ""},
        {"SELECT CAST(c * 1e20 AS INTEGER) FROM t", "out of range"}};
    for (String[] k : cases) {
      FlernException e = assertThrows(FlernException.class, () -> c.execute(k[0]), k[0]);
      assertTrue(e.getMessage().contains(k[1]), k[0] + " → " + e.getMessage());
      // The connection and the engine still work, and the table is intact.
      Result r = c.execute("SELECT count(*), sum(a) FROM t");
      assertEquals(3L, r.get(0, 0));
      assertEquals(3L, ((Number) r.get(0, 1)).longValue());
    }
    // A failing INSERT ... SELECT inserts nothing.
    assertThrows(FlernException.class, () -> c.execute("INSERT INTO t SELECT id + 10, 100 / a, s, c, d FROM t"));
    assertEquals(3L, c.execute("SELECT count(*) FROM t").get(0, 0));
    // The library of a query that failed serves the same shape with other literals.
    Result ok = c.execute("SELECT CAST(s AS INTEGER) FROM t WHERE id = 2");
    assertTrue(ok.timings().cacheHit());
    assertEquals(1, ok.rowCount());
    assertEquals(null, ok.get(0, 0));
    c.execute("SET threads = 1");
    assertEquals(new BigDecimal("1.50"), c.execute("SELECT c FROM t WHERE id = 1").get(0, 0));
    assertThrows(FlernException.class, () -> c.execute("SELECT 10 / (a - a) FROM t"));
    assertEquals(3L, c.execute("SELECT count(*) FROM t").get(0, 0));
  }
}
