package dev.flern.sql;

import static dev.flern.sql.Fixture.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error says what and, where there is one, where; none shows Calcite's internals. */
class ErrorTest {
  private static String error(String sql) {
    return assertThrows(FlernException.class, () -> analyze(sql)).getMessage();
  }

  @Test
  void syntaxErrorsHaveLineAndColumn() {
    assertEquals("syntax error at line 1, column 10: Encountered \",\"", error("SELECT a,, b FROM t"));
    assertEquals("syntax error at line 1, column 14: unexpected end of statement", error("SELECT a FROM\n"));
    assertTrue(error("SELECT a\nFROM t\nWHERE a >").startsWith("syntax error at line 3, column 9: unexpected end of statement"));
  }

  @Test
  void validationErrorsHaveLineAndColumn() {
    assertEquals("line 1, column 8: column \"zz\" does not exist", error("select zz from t"));
    assertEquals("line 2, column 6: table \"nope\" does not exist", error("select *\nfrom nope"));
    assertTrue(error("select a + c from t where d = 5").startsWith("line 1, column "));
  }

  @Test
  void ownStatementErrors() {
    assertEquals("syntax error at line 1, column 13: expected = or TO, found \"4\"", error("SET threads 4"));
    assertEquals("syntax error at line 1, column 15: expected a value, found end of statement", error("SET threads = "));
    assertTrue(error("select 'abc").contains("unterminated string literal"));
    assertEquals("empty statement", error("  -- nothing\n"));
    assertTrue(error("select * from read_csv('f.csv', bogus => 1)").contains("read_csv has no option bogus"));
  }

  @Test
  void unsupportedStatements() {
    assertTrue(error("delete from t where a = 1").startsWith("not supported yet: statement"));
    assertTrue(error("update t set a = 1").startsWith("not supported yet: statement"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select a from t where a = (select x, y from u)", "select max(max(a)) from t", "select a from t group by b",
      "select * from t join u using (zz)", "select cast(c as timestamp) from t", "insert into u values (true, 1)",
      "select 1 +", "select a from t where c"})
  void messagesNeverShowCalciteInternals(String sql) {
    String m = error(sql);
    assertFalse(m.contains("org.apache.calcite"), m);
    assertFalse(m.contains("Exception"), m);
    assertFalse(m.isBlank());
  }
}
