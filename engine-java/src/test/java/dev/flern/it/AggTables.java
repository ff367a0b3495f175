package dev.flern.it;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Three tables for GROUP BY and join tests. {@code t} has the columns {@link ExprGen} knows (so its
 * predicates apply) plus group/join keys from small domains with duplicates and NULLs; {@code u} and
 * {@code w} are small dimension tables whose keys repeat, miss, and are NULL. Doubles are multiples
 * of 1/8, so sums are exact in any order and parallel aggregation cannot change them.
 */
final class AggTables {
  static final List<String> DDL = List.of(
      "CREATE TABLE t (id INTEGER NOT NULL, k INTEGER, ks VARCHAR, a INTEGER, b BIGINT, e DOUBLE, c DECIMAL(12,2), "
          + "f DECIMAL(30,4), s VARCHAR, d DATE, g BOOLEAN)",
      "CREATE TABLE u (uk INTEGER, ukb BIGINT, uname VARCHAR, um INTEGER, up DECIMAL(12,2))",
      "CREATE TABLE w (wks VARCHAR, wq BIGINT, wd DATE)");

  static final String[] KEY_TEXT = {"red", "green", "blue", "Blue", "日本", "x y", ""};

  private AggTables() {}

  static void load(Both both, long seed) {
    for (String t : List.of("t", "u", "w")) both.exec("DROP TABLE IF EXISTS " + t);
    DDL.forEach(both::exec);
    Random r = new Random(seed);
    double nulls = List.of(0.0, 0.1, 0.3).get((int) Math.floorMod(seed, 3));
    int keys = 3 + r.nextInt(8);
    both.exec(SqlText.insert("t", t(r, 150 + r.nextInt(250), keys, nulls)));
    both.exec(SqlText.insert("u", u(r, 5 + r.nextInt(25), keys, nulls)));
    both.exec(SqlText.insert("w", w(r, 3 + r.nextInt(10), nulls)));
    // NaN and infinities: one group, equal join keys, larger than every other double.
    both.exec("INSERT INTO t (id, k, ks, a, e) VALUES (10000, 1, 'red', 5, 'NaN'), (10001, 1, 'red', 6, 'Infinity'), "
        + "(10002, 2, 'blue', 7, 'NaN'), (10003, NULL, NULL, 8, '-Infinity')");
  }

  private static Object maybeNull(Random r, double rate, Object v) {
    return r.nextDouble() < rate ? null : v;
  }

  static List<Object[]> t(Random r, int n, int keys, double nulls) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Object[] {
          i,
          maybeNull(r, nulls, r.nextInt(keys)),
          maybeNull(r, nulls, KEY_TEXT[r.nextInt(KEY_TEXT.length)]),
          maybeNull(r, nulls, r.nextInt(201) - 100),
          maybeNull(r, nulls, (long) r.nextInt(2_000_001) - 1_000_000),
          maybeNull(r, nulls, (r.nextInt(8001) - 4000) / 8.0),
          maybeNull(r, nulls, BigDecimal.valueOf(r.nextInt(2_000_001) - 1_000_000, 2)),
          maybeNull(r, nulls, new BigDecimal((r.nextLong() % 1_000_000_000L) + "." + String.format("%04d", r.nextInt(10_000)))),
          maybeNull(r, nulls, ExprGen.randomText(r, 5)),
          maybeNull(r, nulls, LocalDate.of(2000, 1, 1).plusDays(r.nextInt(60))),
          maybeNull(r, nulls, r.nextBoolean())});
    }
    return out;
  }

  static List<Object[]> u(Random r, int n, int keys, double nulls) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object k = maybeNull(r, nulls, r.nextInt(keys + 2));
      out.add(new Object[] {
          k,
          k == null ? null : (long) (Integer) k,
          maybeNull(r, nulls, KEY_TEXT[r.nextInt(KEY_TEXT.length)]),
          maybeNull(r, nulls, r.nextInt(201) - 100),
          maybeNull(r, nulls, BigDecimal.valueOf(r.nextInt(20_001) - 10_000, 2))});
    }
    return out;
  }

  static List<Object[]> w(Random r, int n, double nulls) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Object[] {
          maybeNull(r, nulls, KEY_TEXT[r.nextInt(KEY_TEXT.length)]),
          maybeNull(r, nulls, r.nextLong() % 1_000_000_000L),
          maybeNull(r, nulls, LocalDate.of(2000, 1, 1).plusDays(r.nextInt(60)))});
    }
    return out;
  }
}
