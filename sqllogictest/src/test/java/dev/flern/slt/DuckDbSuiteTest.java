package dev.flern.slt;

import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite on DuckDB, honouring skipif/onlyif: guards the expected results wherever DuckDB shares
 * Flern's semantics (records where it does not are marked {@code skipif duckdb} and hand-checked).
 */
class DuckDbSuiteTest {
  @TestFactory
  Stream<DynamicTest> suite() {
    return SuiteFiles.tests(() -> {
      try {
        return new DuckDbDatabase();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
      }
    });
  }
}
