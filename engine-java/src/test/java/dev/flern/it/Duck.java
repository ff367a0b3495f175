package dev.flern.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** An in-memory DuckDB: the oracle the differential tests compare Flern with. */
final class Duck implements AutoCloseable {
  private final Connection c;

  Duck() {
    try {
      c = DriverManager.getConnection("jdbc:duckdb:");
      // One thread keeps DuckDB from competing with Flern's workers for the machine's few cores.
      exec("SET threads = 1");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void exec(String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB rejected: " + sql + "\n" + e.getMessage(), e);
    }
  }

  /** The rows of a query, values normalised by {@link Cells#normalise}. */
  List<List<Object>> query(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) row.add(Cells.normalise(rs.getObject(i)));
        rows.add(row);
      }
      return rows;
    }
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
