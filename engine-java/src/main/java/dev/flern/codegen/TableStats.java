package dev.flern.codegen;

import java.util.Optional;

/** What staging may know about the data: table sizes and integer column ranges. */
public interface TableStats {
  long rows(String table);

  /** [min, max] of the non-NULL values of an integer-like column, when known. */
  Optional<long[]> intRange(String table, int column);
}
