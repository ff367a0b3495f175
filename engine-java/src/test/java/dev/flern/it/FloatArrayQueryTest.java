package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.FloatArrayText;
import dev.flern.Result;
import dev.flern.SqlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FLOAT[n] columns through queries: scans, filters, projections, sorts, joins, aggregates, results. */
class FloatArrayQueryTest {
  static Flern db;
  static FlernConnection c;

  @BeforeAll
  static void open() {
    db = Flern.open();
    c = db.connect();
    c.execute("CREATE TABLE emb (id INTEGER, v FLOAT[3], tag VARCHAR)");
    c.execute("INSERT INTO emb VALUES (1, CAST('[1, 2, 3]' AS FLOAT[3]), 'a'), (2, NULL, 'b'),"
        + " (3, ARRAY[0.5, -1.5, 1e-3], 'a'), (4, '[4,5,6]'::FLOAT[3], 'c')");
    c.execute("CREATE TABLE tags (tag VARCHAR, w REAL[2])");
    c.execute("INSERT INTO tags VALUES ('a', ARRAY[1, 2]), ('c', NULL)");
  }

  @AfterAll
  static void close() {
    c.close();
    db.close();
  }

  /** Rows as text, FLOAT[n] in its text form, tab separated. */
  static List<String> rows(String sql) {
    Result r = c.execute(sql);
    List<String> out = new ArrayList<>();
    for (long i = 0; i < r.rowCount(); i++) {
      StringBuilder sb = new StringBuilder();
      for (int col = 0; col < r.columnCount(); col++) {
        if (col > 0) sb.append('\t');
        Object v = r.get(i, col);
        sb.append(v instanceof float[] f ? FloatArrayText.format(f) : String.valueOf(v));
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void scanReturnsFloatArrays() {
    Result r = c.execute("SELECT id, v FROM emb ORDER BY id");
    assertEquals(SqlType.floatArray(3), r.columnTypes().get(1));
    assertArrayEquals(new float[] {1, 2, 3}, (float[]) r.get(0, 1));
    assertEquals(null, r.get(1, 1));
    assertArrayEquals(new float[] {0.5f, -1.5f, 1e-3f}, (float[]) r.get(2, 1));
    assertEquals(List.of("1\t[1, 2, 3]", "2\tnull", "3\t[0.5, -1.5, 0.001]", "4\t[4, 5, 6]"),
        rows("SELECT id, v FROM emb ORDER BY id"));
  }

  @Test
  void filterProjectSortAndLimitCarryTheColumn() {
    assertEquals(List.of("[4, 5, 6]\tc", "[1, 2, 3]\ta"),
        rows("SELECT v, tag FROM emb WHERE id IN (1, 4) ORDER BY id DESC"));
    assertEquals(List.of("3\t[0.5, -1.5, 0.001]"), rows("SELECT id, v FROM emb ORDER BY id DESC LIMIT 1 OFFSET 1"));
    assertEquals(List.of("2"), rows("SELECT id FROM emb WHERE v IS NULL"));
    assertEquals(List.of("3"), rows("SELECT count(*) FROM emb WHERE v IS NOT NULL"));
  }

  @Test
  void elementAccessIsOneBasedAndNullOutside() {
    assertEquals(List.of("1\t1.0\t3.0\tnull\tnull", "2\tnull\tnull\tnull\tnull", "3\t0.5\t0.0010000000474974513\tnull\tnull",
            "4\t4.0\t6.0\tnull\tnull"),
        rows("SELECT id, v[1], v[3], v[0], v[4] FROM emb ORDER BY id"));
    assertEquals(List.of("1", "4"), rows("SELECT id FROM emb WHERE v[2] > 1 ORDER BY id"));
    assertEquals(List.of("2.0"), rows("SELECT v[2] FROM emb WHERE id = 1"));
  }

  @Test
  void constantsAndConstructors() {
    assertEquals(List.of("[1, 2.5, -3]"), rows("SELECT CAST('[1, 2.5, -3]' AS FLOAT[3])"));
    assertEquals(List.of("[1, 2, 3]"), rows("SELECT ARRAY[1.0, 2.0, 3.0]"));
    assertEquals(List.of("1\t[2, 1, 4]", "3\t[-1.5, 0.5, 6]"),
        rows("SELECT id, ARRAY[v[2], v[1], id + 3] FROM emb WHERE id % 2 = 1 ORDER BY id"));
    assertEquals(List.of("null"), rows("SELECT CAST(NULL AS FLOAT[2])"));
  }

  @Test
  void joinAndGroupByCarryItAsPayload() {
    assertEquals(List.of("1\t[1, 2, 3]\t[1, 2]", "3\t[0.5, -1.5, 0.001]\t[1, 2]", "4\t[4, 5, 6]\tnull"),
        rows("SELECT e.id, e.v, t.w FROM emb e JOIN tags t ON e.tag = t.tag ORDER BY e.id"));
    assertEquals(List.of("a\t2\t2", "b\t1\t0", "c\t1\t1"),
        rows("SELECT tag, count(*), count(v) FROM emb GROUP BY tag ORDER BY tag"));
    assertEquals(List.of("a\t[1, 2]\t2"),
        rows("SELECT t.tag, t.w, g.n FROM tags t JOIN (SELECT tag, count(v) AS n FROM emb GROUP BY tag) g"
            + " ON g.tag = t.tag WHERE t.w IS NOT NULL"));
  }

  @Test
  void keysAndComparisonsAreClearErrors() {
    assertTrue(assertThrows(FlernException.class, () -> c.execute("SELECT v FROM emb GROUP BY v")).getMessage()
        .contains("cannot group by FLOAT[3]"));
    assertTrue(assertThrows(FlernException.class, () -> c.execute("SELECT DISTINCT v FROM emb")).getMessage()
        .contains("cannot group by FLOAT[3]"));
    assertTrue(assertThrows(FlernException.class, () -> c.execute("SELECT id FROM emb ORDER BY v")).getMessage()
        .contains("cannot sort by FLOAT[3]"));
    assertTrue(assertThrows(FlernException.class,
        () -> c.execute("SELECT 1 FROM emb a JOIN emb b ON a.v = b.v")).getMessage().contains("FLOAT[3]"));
    assertTrue(assertThrows(FlernException.class, () -> c.execute("SELECT max(v) FROM emb")).getMessage()
        .contains("only COUNT"));
    assertTrue(assertThrows(FlernException.class, () -> c.execute("INSERT INTO emb VALUES (9, '[1, 2]', 'x')"))
        .getMessage().contains("expected 3 numbers, found 2"));
  }

  @Test
  void createTableAsAndCsvCopyKeepTheType(@TempDir Path dir) throws Exception {
    c.execute("CREATE TABLE emb2 AS SELECT id, v FROM emb");
    assertEquals(List.of("1\t[1, 2, 3]", "2\tnull"), rows("SELECT * FROM emb2 WHERE id < 3 ORDER BY id"));
    Path f = dir.resolve("e.csv");
    Files.writeString(f, "7,\"[7, 8.5, -9]\"\n8,\n");
    c.execute("COPY emb2 FROM '" + f + "'");
    assertEquals(List.of("7\t[7, 8.5, -9]", "8\tnull"), rows("SELECT * FROM emb2 WHERE id > 6 ORDER BY id"));
    c.execute("DROP TABLE emb2");
  }

  @Test
  void manyRowsAcrossRowGroupsAndWorkers(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder();
    for (int i = 1; i <= 150000; i++) csv.append(i).append('\n');
    Path f = dir.resolve("ids.csv");
    Files.writeString(f, csv);
    c.execute("CREATE TABLE big (id INTEGER)");
    try {
      c.execute("COPY big FROM '" + f + "'");
      c.execute("CREATE TABLE bigv AS SELECT id, ARRAY[id, -id, id % 7] AS v FROM big");
      Result r = c.execute("SELECT id, v FROM bigv WHERE id % 1000 = 0 ORDER BY id");
      assertEquals(150, r.rowCount());
      for (long i = 0; i < r.rowCount(); i++) {
        int id = (Integer) r.get(i, 0);
        assertArrayEquals(new float[] {id, -id, id % 7}, (float[]) r.get(i, 1));
      }
      // Every row through the result writers of all workers, then checked in Java.
      Result all = c.execute("SELECT id, v FROM bigv");
      assertEquals(150000, all.rowCount());
      for (long i = 0; i < all.rowCount(); i += 997) {
        int id = (Integer) all.get(i, 0);
        assertArrayEquals(new float[] {id, -id, id % 7}, (float[]) all.get(i, 1));
      }
      assertEquals(List.of("149999\t[149999, -149999, 3]"),
          rows("SELECT b.id, v.v FROM big b JOIN bigv v ON b.id = v.id WHERE b.id = 149999"));
    } finally {
      c.execute("DROP TABLE IF EXISTS bigv");
      c.execute("DROP TABLE big");
    }
  }

  @Test
  void cardinalityIsTheLength() {
    assertEquals(List.of("1\t3", "2\tnull"), rows("SELECT id, cardinality(v) FROM emb WHERE id <= 2 ORDER BY id"));
    assertEquals(List.of("2"), rows("SELECT cardinality(ARRAY[1.5, 2.5])"));
  }

  @Test
  void coalesceKeepsTheLength() {
    assertEquals(List.of("[1, 2, 3]", "[0, 0, 0]"),
        rows("SELECT COALESCE(v, ARRAY[0, 0, 0]) FROM emb WHERE id <= 2 ORDER BY id"));
  }
}
