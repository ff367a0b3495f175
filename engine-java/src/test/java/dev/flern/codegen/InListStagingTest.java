package dev.flern.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.Result;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Literal IN lists are one list parameter: the generated source does not depend on the list. */
class InListStagingTest {
  static Flern db;
  static FlernConnection c;

  @BeforeAll
  static void open() {
    db = Flern.open();
    c = db.connect();
    c.execute("CREATE TABLE t (a INTEGER, s VARCHAR)");
    c.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, NULL), (NULL, 'four'), (5000, 'five'), (-7, 'seven')");
  }

  @AfterAll
  static void close() {
    c.close();
    db.close();
  }

  static List<Object> column(String sql) {
    return c.execute(sql).column(0);
  }

  static String ints(int from, int count) {
    StringJoiner j = new StringJoiner(", ");
    IntStream.range(from, from + count).forEach(i -> j.add(Integer.toString(i)));
    return j.toString();
  }

  @Test
  void listsOfAnyLengthShareOneProgram() {
    String shape = "SELECT a FROM t WHERE a IN (%s) ORDER BY a";
    String four = String.format(shape, "1, 2, 3, 4");
    String six = String.format(shape, "5, 6, 7, 8, 9, 10");
    String long3000 = String.format(shape, ints(-100, 3000) + ", 5000");
    assertEquals(c.generatedCode(four), c.generatedCode(six));
    assertEquals(c.generatedCode(four), c.generatedCode(long3000));
    assertFalse(c.generatedCode(long3000).contains("2899"), "no literal in the source");

    assertEquals(List.of(1, 2, 3), column(four));
    Result second = c.execute(six);
    assertTrue(second.timings().cacheHit(), "the second list reuses the compiled program");
    assertEquals(0L, second.rowCount());
    assertEquals(List.of(-7, 1, 2, 3, 5000), column(long3000));
  }

  @Test
  void stringListsAndNotIn() {
    assertEquals(Arrays.asList("five", "one", "two"),
        column("SELECT s FROM t WHERE s IN ('two', 'one', 'five', 'x', 'one') ORDER BY s"));
    assertEquals(Arrays.asList("four", "seven"),
        column("SELECT s FROM t WHERE s NOT IN ('two', 'one', 'five', 'x', 'y') ORDER BY s"));
  }

  @Test
  void nullsFollowThreeValuedLogic() {
    // x IN (.., NULL): TRUE on a hit, else NULL; NOT IN (.., NULL) is never TRUE.
    // Rows by a: -7, 1, 2, 3, 5000, NULL.
    assertEquals(Arrays.asList(null, true, true, null, null, null),
        column("SELECT a IN (1, 2, NULL, 40, 50) FROM t ORDER BY a NULLS LAST"));
    assertEquals(Arrays.asList(null, false, false, null, null, null),
        column("SELECT a NOT IN (1, 2, NULL, 40, 50) FROM t ORDER BY a NULLS LAST"));
    // Without a NULL in the list, only a NULL probe is NULL.
    assertEquals(Arrays.asList(false, true, true, false, false, null),
        column("SELECT a IN (1, 2, 30, 40, 50) FROM t ORDER BY a NULLS LAST"));
    assertEquals(List.of(), column("SELECT a FROM t WHERE a NOT IN (1, 2, NULL, 40, 50)"));
  }
}
