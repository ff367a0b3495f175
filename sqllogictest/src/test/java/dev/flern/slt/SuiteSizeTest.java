package dev.flern.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the suite from shrinking silently, and its compile cost in check: every distinct query shape
 * costs Flern a C++ compile, while the same shape with other literals reuses the compiled program.
 */
class SuiteSizeTest {
  static final int MIN_QUERIES = 400;
  /**
   * Each costs a compile with an empty cache: on a fresh clone the suite took 68 s at about 350
   * shapes (2 cores); 400 keeps it near 80 s, well within the whole test run's budget.
   */
  static final int MAX_SHAPES = 400;

  @Test
  void atLeast400QueryRecords() {
    long queries = 0;
    for (Path f : SuiteFiles.all()) queries += queries(SuiteFiles.parse(f).records());
    System.out.println("sqllogictest suite: " + queries + " query records");
    assertTrue(queries >= MIN_QUERIES, "the suite has only " + queries + " query records, fewer than " + MIN_QUERIES);
  }

  @Test
  void distinctShapesStayFew() {
    Set<String> shapes = new HashSet<>();
    for (Path f : SuiteFiles.all()) collect(SuiteFiles.parse(f).records(), shapes);
    System.out.println("sqllogictest suite: about " + shapes.size() + " distinct query shapes");
    assertTrue(shapes.size() <= MAX_SHAPES, shapes.size() + " distinct query shapes, more than " + MAX_SHAPES);
  }

  private static long queries(List<SltRecord> records) {
    long n = 0;
    for (SltRecord r : records) {
      if (r instanceof SltRecord.Query) n++;
      if (r instanceof SltRecord.Loop l) n += queries(l.body());
    }
    return n;
  }

  /** Shapes Flern compiles: queries and INSERT … SELECT / CREATE TABLE … AS, run on Flern. */
  private static void collect(List<SltRecord> records, Set<String> shapes) {
    for (SltRecord r : records) {
      boolean flern = r.conditions().stream().noneMatch(c -> c.skips("flern"));
      if (!flern) continue;
      switch (r) {
        case SltRecord.Query q -> shapes.add(shape(q.sql()));
        case SltRecord.Statement s -> {
          String sql = s.sql().toLowerCase(Locale.ROOT);
          if (sql.contains("select")) shapes.add(shape(s.sql()));
        }
        case SltRecord.Loop l -> collect(l.body(), shapes);
        default -> { }
      }
    }
  }

  /** The query with its literals replaced by their kind: a rough model of Flern's program cache key. */
  static String shape(String sql) {
    return sql.replaceAll("'(?:[^']|'')*'", "'?'")
        .replaceAll("\\$\\{\\w+}", "?i")
        .replaceAll("(?<![\\w.])\\d+\\.\\d*(?:[eE][+-]?\\d+)?", "?d")
        .replaceAll("(?<![\\w.])\\d+[eE][+-]?\\d+", "?f")
        .replaceAll("(?<![\\w.?])\\d+(?![\\w.])", "?i")
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT)
        .strip();
  }
}
