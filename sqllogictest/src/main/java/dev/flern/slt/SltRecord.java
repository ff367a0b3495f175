package dev.flern.slt;

import java.util.List;
import java.util.Optional;

/** One record of a sqllogictest script, with the line it starts on and its skipif/onlyif lines. */
public sealed interface SltRecord {
  int line();

  List<Condition> conditions();

  /** {@code skipif <db>} (skip when the database is db) or {@code onlyif <db>} (run only on db). */
  record Condition(boolean onlyIf, String database) {
    boolean skips(String db) {
      return onlyIf != database.equalsIgnoreCase(db);
    }
  }

  /**
   * {@code statement ok} or {@code statement error}; {@code expectedError} is the text after
   * {@code ----} (DuckDB's extension), a substring the error message must contain.
   */
  record Statement(int line, List<Condition> conditions, String sql, boolean expectError,
                   Optional<String> expectedError) implements SltRecord {}

  /** {@code query <types> [sortMode] [label]} with its expected lines (as written, unsplit). */
  record Query(int line, List<Condition> conditions, String sql, String types, SortMode sort,
               Optional<String> label, List<String> expected) implements SltRecord {}

  record HashThreshold(int line, List<Condition> conditions, int threshold) implements SltRecord {}

  record Halt(int line, List<Condition> conditions) implements SltRecord {}

  /** DuckDB's {@code require <feature>}: the rest of the file is skipped unless the feature is known. */
  record Require(int line, List<Condition> conditions, String feature) implements SltRecord {}

  /** DuckDB's {@code mode skip} / {@code mode unskip}. */
  record Mode(int line, List<Condition> conditions, boolean skip) implements SltRecord {}

  /**
   * DuckDB's {@code loop var start end} (end exclusive) and {@code foreach var v1 v2 …}: the body
   * runs once per value with {@code ${var}} replaced.
   */
  record Loop(int line, List<Condition> conditions, String variable, List<String> values,
              List<SltRecord> body) implements SltRecord {}

  /** A line the parser does not understand: it fails when run, so it is never silently ignored. */
  record Unknown(int line, List<Condition> conditions, String text) implements SltRecord {}

  enum SortMode { NOSORT, ROWSORT, VALUESORT }
}
