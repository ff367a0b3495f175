package dev.flern.sql;

import static dev.flern.sql.Fixture.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.plan.Field;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementTest {
  private static int days(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  @Test
  void createTableMapsEveryTypeSpelling() {
    var ct = assertInstanceOf(Statement.CreateTable.class, analyze("""
        CREATE TABLE Items (a INT NOT NULL, b INTEGER, c INT4, d SMALLINT, e TINYINT, f BIGINT, g INT8,
          h DOUBLE, i DOUBLE PRECISION, j FLOAT8, k REAL, l FLOAT, m DECIMAL(10,2), n NUMERIC(5),
          o NUMERIC, p DATE, q VARCHAR, r VARCHAR(10), s TEXT, t CHAR(3), u STRING, v BOOLEAN)"""));
    assertEquals("items", ct.name());
    assertFalse(ct.ifNotExists());
    List<SqlType> types = ct.schema().columns().stream().map(ColumnDef::type).toList();
    SqlType i = SqlType.INTEGER, d = SqlType.DOUBLE, s = SqlType.VARCHAR;
    assertEquals(List.of(i, i, i, i, i, SqlType.BIGINT, SqlType.BIGINT, d, d, d, d, d,
        SqlType.decimal(10, 2), SqlType.decimal(5, 0), SqlType.decimal(18, 3), SqlType.DATE, s, s, s, s, s,
        SqlType.BOOLEAN), types);
    assertFalse(ct.schema().get(0).nullable());
    assertTrue(ct.schema().get(1).nullable());
  }

  @Test
  void createTableIfNotExistsAndPrimaryKeyColumnsAreNotNull() {
    var ct = assertInstanceOf(Statement.CreateTable.class,
        analyze("create table if not exists k (id bigint, name varchar, primary key (id))"));
    assertTrue(ct.ifNotExists());
    assertEquals(new Schema(List.of(new ColumnDef("id", SqlType.BIGINT, false), new ColumnDef("name", SqlType.VARCHAR, true))),
        ct.schema());
  }

  @Test
  void createTableRejectsUnknownTypesAndDuplicateColumns() {
    assertEquals("type TIMESTAMP is not supported yet",
        assertThrows(FlernException.class, () -> analyze("create table z (a timestamp)")).getMessage());
    assertTrue(assertThrows(FlernException.class, () -> analyze("create table z (a int, A int)"))
        .getMessage().contains("column \"a\" specified more than once"));
  }

  @Test
  void createTableAsTakesTheQueryColumns() {
    var ctas = assertInstanceOf(Statement.CreateTableAs.class, analyze("CREATE TABLE t2 AS SELECT a, c AS name FROM t"));
    assertEquals("t2", ctas.name());
    assertEquals(List.of("a", "name"), ctas.columnNames());
    assertEquals(List.of(SqlType.INTEGER, SqlType.VARCHAR), ctas.plan().output().stream().map(Field::type).toList());
  }

  @Test
  void dropTable() {
    assertEquals(new Statement.DropTable("t", false), analyze("DROP TABLE T"));
    assertEquals(new Statement.DropTable("nope", true), analyze("drop table if exists nope;"));
    assertEquals("line 1, column 12: table \"nope\" does not exist",
        assertThrows(FlernException.class, () -> analyze("DROP TABLE nope")).getMessage());
  }

  @Test
  void insertLiteralValuesBecomeLiteralRowsOfTheTableTypes() {
    var ins = assertInstanceOf(Statement.Insert.class, analyze(
        "INSERT INTO t VALUES (1, 2, 'x', DATE '2020-01-01', 1.5, 2), (-3, NULL, 'y', '1995-01-01', -2, 1e1)"));
    assertEquals("t", ins.table());
    var v = assertInstanceOf(Values.class, ins.plan());
    assertEquals(List.of(
        new Literal(1, SqlType.INTEGER), new Literal(2L, SqlType.BIGINT), new Literal("x", SqlType.VARCHAR),
        new Literal(days("2020-01-01"), SqlType.DATE), new Literal(new BigDecimal("1.50"), SqlType.decimal(12, 2)),
        new Literal(2.0, SqlType.DOUBLE)), v.rows().get(0));
    assertEquals(List.of(
        new Literal(-3, SqlType.INTEGER), new Literal(null, SqlType.BIGINT), new Literal("y", SqlType.VARCHAR),
        new Literal(days("1995-01-01"), SqlType.DATE), new Literal(new BigDecimal("-2.00"), SqlType.decimal(12, 2)),
        new Literal(10.0, SqlType.DOUBLE)), v.rows().get(1));
    assertEquals(Fixture.T.columns().stream().map(ColumnDef::name).toList(), v.output().stream().map(Field::name).toList());
  }

  @Test
  void insertWithColumnListFillsTheOthersWithNull() {
    var ins = assertInstanceOf(Statement.Insert.class, analyze("insert into u (y) values ('a'), ('bc')"));
    var v = assertInstanceOf(Values.class, ins.plan());
    assertEquals(List.of(List.of(new Literal(null, SqlType.BIGINT), new Literal("a", SqlType.VARCHAR)),
        List.of(new Literal(null, SqlType.BIGINT), new Literal("bc", SqlType.VARCHAR))), v.rows());
  }

  @Test
  void insertValuesWithExpressionsKeepsThemAndCastsToTheColumnType() {
    var ins = assertInstanceOf(Statement.Insert.class, analyze("insert into u values (1 + 2, 'a'), (4, upper('b'))"));
    var v = assertInstanceOf(Values.class, ins.plan());
    Expr first = v.rows().get(0).get(0);
    assertEquals(SqlType.BIGINT, first.type());
    assertEquals(new Literal(4L, SqlType.BIGINT), v.rows().get(1).get(0));
    assertEquals(new Literal("a", SqlType.VARCHAR), v.rows().get(0).get(1));
  }

  @Test
  void insertOfTextThatIsNoNumberLeavesTheCastToTheEngine() {
    var v = assertInstanceOf(Values.class, assertInstanceOf(Statement.Insert.class,
        analyze("insert into u values ('abc', 'x')")).plan());
    var cast = assertInstanceOf(Cast.class, v.rows().get(0).get(0));
    assertEquals(new Literal("abc", SqlType.VARCHAR), cast.input());
    assertEquals(SqlType.BIGINT, cast.type());
  }

  @Test
  void insertSelectPutsColumnsInTableOrderWithCasts() {
    var ins = assertInstanceOf(Statement.Insert.class, analyze("insert into u (y, x) select c, a from t"));
    var p = assertInstanceOf(Project.class, ins.plan());
    assertInstanceOf(Scan.class, p.input());
    assertEquals(List.of(new Field("x", SqlType.BIGINT, true), new Field("y", SqlType.VARCHAR, true)), p.output());
    assertEquals(new Cast(new ColumnRef(0, SqlType.INTEGER, true), SqlType.BIGINT, true), p.exprs().get(0));
    assertEquals(new ColumnRef(2, SqlType.VARCHAR, true), p.exprs().get(1));
  }

  @Test
  void insertErrors() {
    assertEquals("line 1, column 13: table \"nope\" does not exist",
        assertThrows(FlernException.class, () -> analyze("insert into nope values (1)")).getMessage());
    assertEquals("line 1, column 16: column \"zz\" of table \"u\" does not exist",
        assertThrows(FlernException.class, () -> analyze("insert into u (zz) values (1)")).getMessage());
    assertTrue(assertThrows(FlernException.class, () -> analyze("insert into u values (1, 'a', 3)"))
        .getMessage().endsWith("INSERT has more expressions than target columns"));
    assertTrue(assertThrows(FlernException.class, () -> analyze("insert into u select 1"))
        .getMessage().endsWith("INSERT has more target columns than expressions"));
  }

  @Test
  void copyWithOptionsInBothSpellings() {
    var c = assertInstanceOf(Statement.Copy.class, analyze("COPY t FROM '/data/t.csv' (HEADER, DELIMITER '|', NULL 'NA')"));
    assertEquals("t", c.table());
    assertEquals("/data/t.csv", c.path());
    assertTrue(c.options().header());
    assertEquals('|', c.options().delimiter());
    assertEquals("NA", c.options().nullString());
    assertEquals(Optional.of(Fixture.T), c.options().columns());

    var d = assertInstanceOf(Statement.Copy.class, analyze("copy u from 'u.csv' with (header false, quote '''', delimiter '\\t')"));
    assertFalse(d.options().header());
    assertEquals('\'', d.options().quote());
    assertEquals('\t', d.options().delimiter());

    var pg = assertInstanceOf(Statement.Copy.class, analyze("copy u from 'u.csv'"));
    assertFalse(pg.options().header(), "like PostgreSQL, no header unless the statement says so");
    assertTrue(assertInstanceOf(Statement.Copy.class, analyze("copy u from 'u.csv' csv header")).options().header());
  }

  @Test
  void copyErrors() {
    assertEquals("line 1, column 6: table \"nope\" does not exist",
        assertThrows(FlernException.class, () -> analyze("COPY nope FROM 'x.csv'")).getMessage());
    assertTrue(assertThrows(FlernException.class, () -> analyze("COPY t FROM 'x.csv' (BOGUS 1)"))
        .getMessage().startsWith("syntax error at line 1, column 22: COPY option BOGUS is not supported"));
    assertTrue(assertThrows(FlernException.class, () -> analyze("COPY t FROM 'x.csv' (DELIMITER 'ab')"))
        .getMessage().contains("expected a single character"));
  }

  @Test
  void setOption() {
    assertEquals(new Statement.SetOption("threads", "4"), analyze("SET threads = 4"));
    assertEquals(new Statement.SetOption("memory_limit", "4GB"), analyze("set memory_limit to '4GB';"));
    assertEquals(new Statement.SetOption("threads", "4"), analyze("SET SESSION Threads TO 4"));
  }

  @Test
  void explainWrapsTheStatement() {
    var e = assertInstanceOf(Statement.Explain.class, analyze("EXPLAIN SELECT a FROM t"));
    assertFalse(e.code());
    assertInstanceOf(Statement.Query.class, e.inner());
    var code = assertInstanceOf(Statement.Explain.class, analyze("explain (code) insert into u values (1, 'a')"));
    assertTrue(code.code());
    assertInstanceOf(Statement.Insert.class, code.inner());
  }

  @Test
  void explainKeepsPositionsOfTheInnerStatement() {
    assertEquals("line 1, column 23: column \"zz\" does not exist",
        assertThrows(FlernException.class, () -> analyze("EXPLAIN (CODE) SELECT zz FROM t")).getMessage());
  }
}
