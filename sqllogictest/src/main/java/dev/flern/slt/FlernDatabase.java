package dev.flern.slt;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.Result;
import dev.flern.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Flern through its public API (docs/CONTRACTS.md §6): one in-memory database per script. */
public final class FlernDatabase implements SltDatabase {
  private final Flern db;
  private final FlernConnection conn;

  public FlernDatabase() {
    this.db = Flern.open();
    this.conn = db.connect();
  }

  @Override
  public String name() {
    return "flern";
  }

  @Override
  public void execute(String sql) {
    try (Result r = conn.execute(sql)) {
      // Only success matters; a failure is thrown as a FlernException with the engine's message.
    }
  }

  @Override
  public List<List<String>> query(String sql, String typeLetters) {
    try (Result r = conn.execute(sql)) {
      List<SqlType> types = r.columnTypes();
      List<List<String>> rows = new ArrayList<>();
      for (long i = 0; i < r.rowCount(); i++) {
        List<String> row = new ArrayList<>(types.size());
        for (int c = 0; c < types.size(); c++) {
          Object v = r.get(i, c);
          // A DECIMAL prints with its declared scale ("12.50"), whatever scale the value carries.
          if (v instanceof BigDecimal d && types.get(c).kind() == SqlType.Kind.DECIMAL) {
            v = d.setScale(types.get(c).scale(), RoundingMode.HALF_UP);
          }
          row.add(SltValues.render(v, c < typeLetters.length() ? typeLetters.charAt(c) : 'T'));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } finally {
      db.close();
    }
  }
}
