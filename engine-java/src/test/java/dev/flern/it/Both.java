package dev.flern.it;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.Result;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Flern and DuckDB side by side, with the same tables, asked the same questions. */
final class Both implements AutoCloseable {
  static final boolean VERBOSE = Boolean.getBoolean("flern.it.verbose");
  final Flern db = Flern.open();
  final FlernConnection flern = db.connect();
  final Duck duck = new Duck();
  int queries;
  int compiles;
  int bothFailed;
  int oracleGaveUp;
  long rowsCompared;

  /**
   * DuckDB errors that say nothing about Flern: DuckDB keeps a DECIMAL product in the operands'
   * combined width (at most 18 digits in an int64), where SQL's rules give a wider type.
   */
  static boolean oracleLimit(String duckError) {
    return duckError.contains("Overflow in multiplication of DECIMAL");
  }

  void exec(String sql) {
    flern.execute(sql);
    duck.exec(sql);
  }

  /** What one engine made of a query: rows or an error message. */
  record Outcome(List<List<Object>> rows, String error) {
    boolean failed() {
      return error != null;
    }
  }

  Outcome runFlern(String sql) {
    try {
      Result r = flern.execute(sql);
      queries++;
      if (!r.timings().cacheHit() && r.timings().compileNanos() > 0) compiles++;
      return new Outcome(Cells.rows(r), null);
    } catch (FlernException e) {
      return new Outcome(null, e.getMessage());
    }
  }

  Outcome runDuck(String sql) {
    try {
      return new Outcome(duck.query(sql), null);
    } catch (SQLException e) {
      return new Outcome(null, e.getMessage());
    }
  }

  /**
   * Empty when both engines give the same rows (sorted first unless {@code ordered}) or both fail;
   * else what differs.
   */
  Optional<String> compare(String flernSql, String duckSql, boolean ordered) {
    Outcome f = runFlern(flernSql), d = runDuck(duckSql);
    if (f.failed() && d.failed()) {
      bothFailed++;
      if (VERBOSE) System.out.println("both failed: " + flernSql + "\n  flern: " + f.error() + "\n  duckdb: " + firstLine(d.error()));
      return Optional.empty();
    }
    if (f.failed()) return Optional.of("flern failed: " + f.error() + " (duckdb gave " + d.rows().size() + " rows"
        + (d.rows().isEmpty() ? "" : ", first " + Cells.show(d.rows().get(0))) + ")");
    if (d.failed() && oracleLimit(d.error())) {
      oracleGaveUp++;
      return Optional.empty();
    }
    if (d.failed()) return Optional.of("duckdb failed: " + firstLine(d.error()) + " (flern gave " + f.rows().size() + " rows)");
    rowsCompared += d.rows().size();
    List<List<Object>> a = ordered ? f.rows() : Cells.sorted(f.rows());
    List<List<Object>> b = ordered ? d.rows() : Cells.sorted(d.rows());
    return Cells.diff(a, b);
  }

  static String firstLine(String s) {
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }

  @Override
  public void close() {
    flern.close();
    db.close();
    duck.close();
  }
}
