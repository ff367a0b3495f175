package dev.flern.sql;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flern.SqlType;
import dev.flern.plan.Plan;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A front end over two tables, without storage:
 * t(a INTEGER, b BIGINT, c VARCHAR, d DATE, e DECIMAL(12,2) NOT NULL, f DOUBLE) and
 * u(x BIGINT NOT NULL, y VARCHAR). read_csv infers (k INTEGER, v VARCHAR) for any file.
 */
final class Fixture {
  static final Schema T = new Schema(List.of(
      new ColumnDef("a", SqlType.INTEGER, true),
      new ColumnDef("b", SqlType.BIGINT, true),
      new ColumnDef("c", SqlType.VARCHAR, true),
      new ColumnDef("d", SqlType.DATE, true),
      new ColumnDef("e", SqlType.decimal(12, 2), false),
      new ColumnDef("f", SqlType.DOUBLE, true)));
  static final Schema U = new Schema(List.of(
      new ColumnDef("x", SqlType.BIGINT, false),
      new ColumnDef("y", SqlType.VARCHAR, true)));
  static final Schema CSV = new Schema(List.of(
      new ColumnDef("k", SqlType.INTEGER, true),
      new ColumnDef("v", SqlType.VARCHAR, true)));

  static final SqlFrontEnd FRONT_END = new SqlFrontEnd(
      name -> Optional.ofNullable(Map.of("t", T, "u", U).get(name.toLowerCase())),
      (path, options) -> CSV);

  private Fixture() {}

  static Statement analyze(String sql) {
    return FRONT_END.analyze(sql);
  }

  static Plan query(String sql) {
    return assertInstanceOf(Statement.Query.class, analyze(sql)).plan();
  }
}
