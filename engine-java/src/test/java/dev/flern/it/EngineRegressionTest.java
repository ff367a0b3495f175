package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bugs the differential tests found, pinned as plain cases with the answers PostgreSQL gives
 * (so they stay fixed even if the random generators change).
 */
class EngineRegressionTest {
  static Flern db;
  static FlernConnection c;

  @BeforeAll
  static void open() {
    db = Flern.open();
    c = db.connect();
    c.execute("CREATE TABLE r (a INTEGER, c DECIMAL(12,2), e DOUBLE, f DECIMAL(30,4))");
    c.execute("INSERT INTO r VALUES (0, 1.50, 1e300, 1.5), (5, NULL, 2.5, NULL), (-3, -2.25, NULL, -7.0001), (1, 0, 0, 0)");
  }

  @AfterAll
  static void close() {
    c.close();
    db.close();
  }

  static List<Object> column(String sql) {
    return c.execute(sql).column(0);
  }

  static Object scalar(String sql) {
    List<Object> v = column(sql);
    assertEquals(1, v.size(), sql);
    return v.get(0);
  }

  @Test
  void andDoesNotEvaluateCaseWhoseBranchCanRaise() {
    assertEquals(List.of(1, 5), column("SELECT a FROM r WHERE a <> 0 AND CASE WHEN a > -100 THEN 10 / a ELSE 0 END > 1 ORDER BY a"));
  }

  @Test
  void andDoesNotEvaluateArithmeticThatWouldOverflow() {
    assertEquals(List.of(1), column("SELECT a FROM r WHERE a > 0 AND a < 3 AND a * 1000000000 > 0"));
    assertEquals(List.of(-3, 1, 5), column("SELECT a FROM r WHERE a > 4 OR a = -3 OR a * 2000000000 > 0 ORDER BY a"));
  }

  @Test
  void nullConstantOperandMakesStrictOperatorNull() {
    List<Object> v = column("SELECT CAST(NULL AS DECIMAL(30,4)) + CAST(e * 1e10 AS DECIMAL(12,2)) FROM r");
    assertEquals(4, v.size());
    v.forEach(x -> assertEquals(null, x));
    // NULL through NULLIF, a division and a cast is still a constant NULL.
    List<Object> w = column("SELECT CAST(f * 1000 AS DECIMAL(3,0)) * CAST(1.5e0 / NULLIF(CAST(NULL AS DOUBLE), 0) AS INTEGER) FROM r");
    assertEquals(4, w.size());
    w.forEach(x -> assertEquals(null, x));
  }

  @Test
  void castsOfConstantsFollowPostgres() {
    assertEquals(new BigDecimal("-0.12"), scalar("SELECT CAST(-0.115 AS DECIMAL(12,2))"));
    assertEquals(new BigDecimal("-1659241809.12"), scalar("SELECT CAST(CAST(-1659241809.1190 AS DECIMAL(30,4)) AS DECIMAL(12,2))"));
    assertEquals("true", scalar("SELECT CAST(TRUE AS VARCHAR)"));
    assertEquals("false", scalar("SELECT CAST(1 > 2 AS VARCHAR)"));
    assertEquals("1e+20", scalar("SELECT CAST(1e20 AS VARCHAR)"));
    assertEquals(34, scalar("SELECT CAST(COALESCE(33.875e0, e) AS INTEGER) FROM r WHERE a = 0"));
  }

  @Test
  void nanIsOneValueAboveAllOthers() {
    c.execute("CREATE TABLE nan (id INTEGER, e DOUBLE)");
    c.execute("INSERT INTO nan VALUES (1, 'NaN'), (2, 'NaN'), (3, 'Infinity'), (4, 0.0), (5, -0.0), (6, NULL)");
    // 0.0 and -0.0 are one group, so are the NaNs, which sort above Infinity.
    assertEquals(List.of(2L, 1L, 2L, 1L), column("SELECT count(*) FROM nan GROUP BY e ORDER BY e NULLS LAST"));
    assertEquals(3L, scalar("SELECT count(DISTINCT e) FROM nan"));
    assertEquals(Double.NaN, scalar("SELECT max(e) FROM nan"));
    assertEquals(List.of(1, 2, 3), column("SELECT id FROM nan WHERE e > 1 ORDER BY id"));
    assertEquals(List.of(1, 2, 4, 5), column("SELECT id FROM nan WHERE e = e AND e <> 'Infinity' ORDER BY id"));
    assertEquals(4L + 4 + 1, scalar("SELECT count(*) FROM nan n1 JOIN nan n2 ON n1.e = n2.e"));
  }

  @Test
  void longInListNeedsLittleStack() throws InterruptedException {
    // A 300-item IN list is an OR chain 300 deep; it once overflowed a 256 KB thread stack.
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 300; i++) list.append(i == 0 ? "" : ", ").append(i * 5);
    Object[] out = new Object[1];
    Thread t = new Thread(null, () -> {
      try {
        out[0] = column("SELECT a FROM r WHERE a IN (" + list + ") ORDER BY a");
      } catch (Throwable e) {
        out[0] = e;
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    assertEquals(List.of(0, 5), out[0]);
  }

  @Test
  void doublesFormatAsPostgresShortestText() {
    c.execute("CREATE TABLE dbl (i INTEGER, e DOUBLE)");
    c.execute("INSERT INTO dbl VALUES (1, 0.1), (2, 1e20), (3, 1.5e-7), (4, 1e14), (5, 1e15), (6, 0.0001), (7, 0.00001), "
        + "(8, 123456789.125), (9, 4.9e-324), (10, 'NaN'), (11, '-Infinity'), (12, 1.7976931348623157e308)");
    assertEquals(List.of("0.1", "1e+20", "1.5e-07", "100000000000000", "1e+15", "0.0001", "1e-05", "123456789.125",
        "5e-324", "NaN", "-Infinity", "1.7976931348623157e+308"), column("SELECT CAST(e AS VARCHAR) FROM dbl ORDER BY i"));
    assertEquals("-0", scalar("SELECT CAST(CAST('-0' AS DOUBLE) AS VARCHAR)"));
  }

  @Test
  void nestedCastKeepsTheInnerType() {
    assertEquals(List.of("-3.00", "0.00", "1.00", "5.00"), column("SELECT CAST(CAST(a AS DECIMAL(12,2)) AS VARCHAR) FROM r ORDER BY a"));
    assertEquals("1.5000", scalar("SELECT CAST(CAST(c AS DECIMAL(30,4)) AS VARCHAR) FROM r WHERE a = 0"));
  }
}
