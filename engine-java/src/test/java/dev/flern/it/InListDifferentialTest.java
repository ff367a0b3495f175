package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Literal IN and NOT IN lists (staged as one membership test against a list parameter) checked
 * against DuckDB: a few query shapes, each run with many lists — short and long, with hits taken
 * from the data and misses, with duplicates, with and without a NULL — over data sets with
 * different NULL rates. Every list of one shape reuses one compiled program.
 */
class InListDifferentialTest {
  static final long SEED = Long.getLong("flern.it.seed", 20_261_128L);
  static final int DATA_SETS = 3;
  static final int LISTS = 6;
  static final int ROWS = 250;

  /** Columns of ExprTable: name and index in its rows. */
  record Col(String name, int index) {}

  static final Col A = new Col("a", 1), B = new Col("b", 2), E = new Col("e", 3), C = new Col("c", 4),
      F = new Col("f", 5), S = new Col("s", 6), D = new Col("d", 7);

  /** A shape: SQL with one %s per list, and the column each list draws its values from. */
  record Shape(String sql, List<Col> lists) {}

  static final List<Shape> SHAPES = List.of(
      new Shape("SELECT id, a IN (%s) AS x0, s NOT IN (%s) AS x1 FROM t", List.of(A, S)),
      new Shape("SELECT id, b NOT IN (%s) AS x0, c IN (%s) AS x1 FROM t", List.of(B, C)),
      new Shape("SELECT id, e IN (%s) AS x0, d NOT IN (%s) AS x1, f IN (%s) AS x2 FROM t", List.of(E, D, F)),
      new Shape("SELECT id FROM t WHERE a IN (%s) OR s IN (%s)", List.of(A, S)),
      new Shape("SELECT id, (a NOT IN (%s)) IS NULL AS x0 FROM t WHERE b > 0 AND d IN (%s)", List.of(A, D)));

  @Test
  void inListsAgreeWithDuckDb() {
    List<String> failures = new ArrayList<>();
    try (Both both = new Both()) {
      for (int ds = 0; ds < DATA_SETS; ds++) {
        long dataSeed = SEED * 17 + ds;
        List<Object[]> rows = ExprTable.rows(dataSeed, ROWS);
        both.exec("DROP TABLE IF EXISTS t");
        both.exec(ExprTable.DDL);
        both.exec(SqlText.insert("t", rows));
        if (ds == DATA_SETS - 1) both.exec(ExprTable.SPECIAL_DOUBLES);
        Random r = new Random(dataSeed);
        for (Shape shape : SHAPES) {
          for (int k = 0; k < LISTS; k++) {
            Object[] lists = shape.lists().stream().map(c -> list(r, rows, c)).toArray();
            String sql = String.format(shape.sql(), lists);
            Optional<String> diff = both.compare(sql, sql, false);
            diff.ifPresent(d -> failures.add(sql + "\n  " + d));
          }
        }
      }
      // At most one compile per shape (none when the disk cache has it): the lists are parameters.
      assertTrue(both.compiles <= SHAPES.size(), both.compiles + " compiles for " + SHAPES.size() + " shapes");
    }
    assertTrue(failures.isEmpty(), failures.size() + " queries differ from DuckDB:\n" + String.join("\n", failures));
  }

  /**
   * 4 to 40 distinct literals (the front end drops duplicates, and shorter lists are plain
   * comparisons, another shape): values of the column (hits), others (misses), sometimes a NULL.
   */
  static String list(Random r, List<Object[]> rows, Col c) {
    int n = 4 + (r.nextInt(3) == 0 ? r.nextInt(37) : r.nextInt(5));
    java.util.LinkedHashSet<String> items = new java.util.LinkedHashSet<>();
    while (items.size() < n) {
      Object v = r.nextBoolean() ? rows.get(r.nextInt(rows.size()))[c.index()] : null;
      items.add(text(v != null ? v : other(r, c)));
    }
    List<String> out = new ArrayList<>(items);
    if (r.nextInt(3) == 0) out.add(r.nextInt(out.size()), "NULL");
    return String.join(", ", out);
  }

  /** A value of the column's type that is usually not in the data. */
  static Object other(Random r, Col c) {
    return switch (c.name()) {
      case "a" -> r.nextInt(161) - 80;
      case "b" -> (long) (r.nextInt(2_000_001) - 1_000_000);
      case "e" -> r.nextBoolean() ? 0.0 : (r.nextInt(16001) - 8000) / 8.0;
      case "c" -> BigDecimal.valueOf(r.nextInt(2_000_000) - 1_000_000, 2);
      case "f" -> BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, 4);
      case "s" -> ExprGen.randomText(r, 4);
      case "d" -> LocalDate.of(1990, 1, 1).plusDays(r.nextInt(15_000));
      default -> throw new IllegalArgumentException(c.name());
    };
  }

  /** A literal of the column's own type (doubles in scientific notation, so they are DOUBLE). */
  static String text(Object v) {
    if (v instanceof Double d) {
      String s = Double.toString(d);
      return s.contains("E") ? s : s + "e0";
    }
    return SqlText.literal(v);
  }
}
