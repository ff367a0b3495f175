package dev.flern.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flern.SqlType;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unnamed result columns get PostgreSQL's names, not Calcite's EXPR$n. */
class ColumnNamesTest {
  private final SqlFrontEnd fe = new SqlFrontEnd(
      name -> name.equals("t") ? Optional.of(new Schema(List.of(
          new ColumnDef("a", SqlType.INTEGER, true), new ColumnDef("b", SqlType.VARCHAR, true)))) : Optional.empty(),
      (path, options) -> { throw new AssertionError("no CSV here"); });

  @Test
  void functionsColumnsCastsAndTheRest() {
    var q = assertInstanceOf(Statement.Query.class,
        fe.analyze("SELECT a, sum(a), count(*), upper(b), CAST(a AS BIGINT), a + 1, CASE WHEN a > 1 THEN 1 END, "
            + "max(a) AS biggest FROM t GROUP BY a, b"));
    assertEquals(List.of("a", "sum", "count", "upper", "a", "?column?", "case", "biggest"), q.columnNames());
    var ordered = assertInstanceOf(Statement.Query.class, fe.analyze("SELECT min(b) FROM t ORDER BY 1"));
    assertEquals(List.of("min"), ordered.columnNames());
    // Functions the front end respells keep the names PostgreSQL gives them.
    var math = assertInstanceOf(Statement.Query.class, fe.analyze("SELECT sqrt(a), trunc(a), round(a), ln(a) FROM t"));
    assertEquals(List.of("sqrt", "trunc", "round", "ln"), math.columnNames());
  }
}
