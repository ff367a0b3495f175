package dev.flern.storage;

import java.util.List;

/** The columns of a table, in order. */
public record Schema(List<ColumnDef> columns) {
  public Schema {
    columns = List.copyOf(columns);
  }

  public int size() {
    return columns.size();
  }

  public ColumnDef get(int i) {
    return columns.get(i);
  }
}
