package dev.flern.storage;

import java.util.List;

/** A native query result to copy into a table: {@code nrows} rows of the given columns. */
public record ResultColumns(long nrows, List<NativeColumn> columns) {
  public ResultColumns {
    if (nrows < 0) throw new IllegalArgumentException("negative row count " + nrows);
    columns = List.copyOf(columns);
  }
}
