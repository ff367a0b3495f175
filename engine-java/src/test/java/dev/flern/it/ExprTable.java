package dev.flern.it;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The table the expression tests run on: one column per type, {@code id} unique. Each data set has
 * its own NULL rate (none, some, many) and value ranges, so one compiled query meets chunks without
 * NULLs, with a few and with mostly NULLs.
 */
final class ExprTable {
  static final String DDL = "CREATE TABLE t (id INTEGER NOT NULL, a INTEGER, b BIGINT, e DOUBLE, c DECIMAL(12,2), "
      + "f DECIMAL(30,4), s VARCHAR, d DATE, g BOOLEAN)";

  /** NaN and infinities, added to one data set (one fixed statement: compiled once). */
  static final String SPECIAL_DOUBLES = "INSERT INTO t (id, a, e, c, s, g) VALUES (10000, 3, 'NaN', 1.50, 'nan', TRUE), "
      + "(10001, -3, 'Infinity', -2.25, 'inf', FALSE), (10002, 7, '-Infinity', 0, '-inf', NULL), (10003, 8, 'NaN', 3, 'nan', FALSE)";

  private ExprTable() {}

  static List<Object[]> rows(long seed, int n) {
    Random r = new Random(seed);
    double nullRate = switch ((int) Math.floorMod(seed, 4)) {
      case 0 -> 0.0;
      case 1 -> 0.1;
      case 2 -> 0.25;
      default -> 0.6;
    };
    boolean wide = Math.floorMod(seed, 3) == 2;
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[9];
      row[0] = i;
      row[1] = r.nextInt(wide ? 20_001 : 121) - (wide ? 10_000 : 60);
      row[2] = wide && r.nextInt(10) == 0 ? (r.nextLong() % 1_000_000_000_000L) : (long) (r.nextInt(2_000_001) - 1_000_000);
      row[3] = switch (r.nextInt(10)) {
        case 0 -> 0.0;
        case 1 -> (r.nextInt(2001) - 1000) / 10.0; // not exact in binary
        default -> (r.nextInt(16001) - 8000) / 8.0;
      };
      row[4] = BigDecimal.valueOf(r.nextLong() % (wide ? 100_000_000_000L : 10_000_000L), 2);
      row[5] = new BigDecimal(Long.toString(r.nextLong() % (wide ? 1_000_000_000_000_000L : 1_000_000_000L)) + "."
          + String.format("%04d", r.nextInt(10_000)));
      row[6] = ExprGen.randomText(r, 8);
      row[7] = LocalDate.of(1990, 1, 1).plusDays(r.nextInt(15_000));
      row[8] = r.nextBoolean();
      for (int j = 1; j < row.length; j++) if (r.nextDouble() < nullRate) row[j] = null;
      out.add(row);
    }
    return out;
  }
}
