package dev.flern;

import dev.flern.storage.Table;
import java.util.List;

/**
 * The result of one statement. A query's rows live in native memory in Flern's columnar layout and
 * are read on access; DDL and DML report the rows they changed.
 */
public final class Result implements AutoCloseable {
  private final Table table;
  private final List<String> names;
  private final long updateCount;
  private final Timings timings;

  private Result(Table table, List<String> names, long updateCount, Timings timings) {
    this.table = table;
    this.names = List.copyOf(names);
    this.updateCount = updateCount;
    this.timings = timings;
  }

  public static Result rows(Table table, List<String> names, Timings timings) {
    return new Result(table, names, -1, timings);
  }

  public static Result update(long count, Timings timings) {
    return new Result(null, List.of(), count, timings);
  }

  /** True for a statement that returns rows (SELECT, VALUES, EXPLAIN). */
  public boolean isQuery() {
    return table != null;
  }

  /** Rows inserted or loaded by DML, 0 for DDL, -1 for queries. */
  public long updateCount() {
    return updateCount;
  }

  public List<String> columnNames() {
    return names;
  }

  public List<SqlType> columnTypes() {
    return table == null ? List.of() : table.schema().columns().stream().map(c -> c.type()).toList();
  }

  public int columnCount() {
    return names.size();
  }

  public long rowCount() {
    return table == null ? 0 : table.rowCount();
  }

  /**
   * The value at ({@code row}, {@code col}): Boolean, Integer, Long, Double, BigDecimal, LocalDate,
   * String, or null for SQL NULL.
   */
  public Object get(long row, int col) {
    if (table == null) throw new FlernException("this statement returned no rows");
    if (row < 0 || row >= table.rowCount()) throw new FlernException("row " + row + " is out of range 0.." + (table.rowCount() - 1));
    if (col < 0 || col >= names.size()) throw new FlernException("column " + col + " is out of range 0.." + (names.size() - 1));
    return table.get(row, col);
  }

  /** Every value of column {@code col}, in row order (null for SQL NULL). */
  public List<Object> column(int col) {
    java.util.ArrayList<Object> out = new java.util.ArrayList<>();
    for (long i = 0; i < rowCount(); i++) out.add(get(i, col));
    return out;
  }

  /** The rows as a table (for CREATE TABLE AS and INSERT … SELECT). */
  public Table table() {
    if (table == null) throw new FlernException("this statement returned no rows");
    return table;
  }

  public Timings timings() {
    return timings;
  }

  @Override
  public void close() {
    // The rows' native memory is released when the result becomes unreachable.
  }
}
