package dev.flern.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.plan.Field;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Literal;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Words that are keywords somewhere but not reserved in PostgreSQL are names, as there. */
class KeywordNamesTest {
  private static final Schema DEC = new Schema(List.of(
      new ColumnDef("day", SqlType.DATE, true),
      new ColumnDef("dec", SqlType.INTEGER, true),
      new ColumnDef("year", SqlType.INTEGER, true),
      new ColumnDef("value", SqlType.DOUBLE, true),
      new ColumnDef("month", SqlType.INTEGER, true)));
  /** Words Babel reserves and PostgreSQL does not. */
  private static final Schema EV = new Schema(List.of(
      new ColumnDef("date", SqlType.DATE, true),
      new ColumnDef("time", SqlType.VARCHAR, true),
      new ColumnDef("timestamp", SqlType.BIGINT, true),
      new ColumnDef("current", SqlType.BOOLEAN, true),
      new ColumnDef("new", SqlType.INTEGER, true)));
  private static final SqlFrontEnd FRONT_END = new SqlFrontEnd(
      name -> Optional.ofNullable(Map.of("dec", DEC, "t", Fixture.T, "ev", EV, "next", EV).get(name)),
      (path, options) -> Fixture.CSV);

  private static Statement analyze(String sql) {
    return FRONT_END.analyze(sql);
  }

  @Test
  void createTableWithKeywordColumnNames() {
    var ct = assertInstanceOf(Statement.CreateTable.class,
        analyze("CREATE TABLE t (day DATE, dec INTEGER, year INTEGER, value DOUBLE, month INTEGER)"));
    assertEquals(DEC, ct.schema());
    var named = assertInstanceOf(Statement.CreateTable.class, analyze("create table dec (k int)"));
    assertEquals("dec", named.name());
  }

  @Test
  void selectKeywordColumnsFromKeywordTable() {
    var q = assertInstanceOf(Statement.Query.class,
        analyze("SELECT day, year + month, value FROM dec WHERE dec > 1 ORDER BY day"));
    assertEquals(List.of("day", "?column?", "value"), q.columnNames());
    var grouped = assertInstanceOf(Statement.Query.class, analyze("SELECT day, count(*) FROM dec GROUP BY day"));
    assertEquals(SqlType.DATE, grouped.plan().output().get(0).type());
  }

  @Test
  void wordsBabelReservesAreNamesWhereTheyAreNotTheKeyword() {
    var q = assertInstanceOf(Statement.Query.class, analyze("""
        SELECT date, ev.time, timestamp + 1, current, new, CAST(date AS DATE), date::date, DATE '1995-03-15'
        FROM ev WHERE date >= DATE '1995-01-01' AND CAST(time AS DATE) < date AND Current
        ORDER BY date, new FETCH NEXT 3 ROWS ONLY"""));
    assertEquals(List.of("date", "time", "?column?", "current", "new", "date", "date", "?column?"), q.columnNames());
    var a = assertInstanceOf(Statement.Query.class, analyze("select max(date) as date, count(*) as new from next"));
    assertEquals(List.of("date", "new"), a.columnNames());
    var ins = assertInstanceOf(Statement.Insert.class, analyze("insert into ev (new, date) values (1, '1995-03-15')"));
    assertEquals("ev", ins.table());
    var into = assertInstanceOf(Statement.Insert.class, analyze("insert into next (date) select date from ev"));
    assertEquals("next", into.table());
    var ctas = assertInstanceOf(Statement.CreateTableAs.class, analyze("create table t2 as select date, time from ev"));
    assertEquals(List.of("date", "time"), ctas.columnNames());
    var ct = assertInstanceOf(Statement.CreateTable.class, analyze("create table ev2 (date date, time varchar, current boolean)"));
    assertEquals("date", ct.schema().get(0).name());
  }

  @Test
  void positionsAfterAQuotedNameAreTheWrittenOnes() {
    assertEquals("line 1, column 20: column \"zz\" does not exist",
        assertThrows(FlernException.class, () -> analyze("select date, time, zz from ev")).getMessage());
    assertEquals("syntax error at line 2, column 23: Encountered \"from\"",
        assertThrows(FlernException.class, () -> analyze("select date\nfrom ev where new + + from")).getMessage());
    assertEquals("line 1, column 37: column \"nope\" of table \"ev\" does not exist",
        assertThrows(FlernException.class, () -> analyze("insert into ev (date, current, new, nope) values (1, 2, 3, 4)"))
            .getMessage());
  }

  @Test
  void insertAndDropWithKeywordNames() {
    var ins = assertInstanceOf(Statement.Insert.class,
        analyze("INSERT INTO dec (day, value) VALUES (DATE '1995-03-15', 1.5)"));
    assertEquals("dec", ins.table());
    assertEquals(new Statement.DropTable("dec", false), analyze("DROP TABLE dec"));
  }

  @Test
  void createTableAsWithKeywordNames() {
    var ctas = assertInstanceOf(Statement.CreateTableAs.class,
        analyze("CREATE TABLE year AS SELECT year, value AS month FROM dec"));
    assertEquals("year", ctas.name());
    assertEquals(List.of("year", "month"), ctas.columnNames());
    assertTrue(analyze("create table if not exists x as (select 1 as day)") instanceof Statement.CreateTableAs c
        && c.ifNotExists() && c.columnNames().equals(List.of("day")));
  }

  @Test
  void columnConstraintsAndTableConstraints() {
    var ct = assertInstanceOf(Statement.CreateTable.class, analyze("""
        create table k (id bigint primary key, day date not null, value double null unique,
          constraint pk2 unique (value), primary key (id, day))"""));
    assertEquals(new Schema(List.of(new ColumnDef("id", SqlType.BIGINT, false),
        new ColumnDef("day", SqlType.DATE, false), new ColumnDef("value", SqlType.DOUBLE, true))), ct.schema());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "create table z (a int default 1)", "create table z (a int check (a > 0))",
      "create table z (a int, foreign key (a) references t (a))", "create view v as select 1",
      "create temp table z (a int)", "drop view v", "create table s.z (a int)", "create table z (a int) as select 1",
      "drop table t, u", "create table z (a int[])", "create table z"})
  void unsupportedDdlSaysWhat(String sql) {
    String m = assertThrows(FlernException.class, () -> analyze(sql)).getMessage();
    assertTrue(m.startsWith("not supported yet") || m.startsWith("syntax error at line 1, column ")
        || m.startsWith("line 1, column "), m);
  }

  @Test
  void ddlErrorsHavePositions() {
    assertEquals("syntax error at line 1, column 30: expected \",\" or \")\" after column \"b\", found \"c\"",
        assertThrows(FlernException.class, () -> analyze("create table z (a int, b int c)")).getMessage());
    assertEquals("line 2, column 12: table \"nope\" does not exist",
        assertThrows(FlernException.class, () -> analyze("\ndrop table nope")).getMessage());
    assertEquals("column \"zz\" named in key does not exist",
        assertThrows(FlernException.class, () -> analyze("create table z (a int, primary key (zz))")).getMessage());
  }

  @Test
  void postgresCastOperatorIsACast() {
    var p = assertInstanceOf(Project.class,
        assertInstanceOf(Statement.Query.class, analyze("SELECT '42'::INTEGER, a::VARCHAR, c::date, b::text FROM t")).plan());
    assertEquals(new Literal(42, SqlType.INTEGER), p.exprs().get(0));
    assertEquals(new Cast(new ColumnRef(0, SqlType.INTEGER, true), SqlType.VARCHAR, true), p.exprs().get(1));
    assertEquals(new Cast(new ColumnRef(2, SqlType.VARCHAR, true), SqlType.DATE, true), p.exprs().get(2));
    assertEquals(new Cast(new ColumnRef(1, SqlType.BIGINT, true), SqlType.VARCHAR, true), p.exprs().get(3));
    assertInstanceOf(Scan.class, p.input());
  }

  @Test
  void castToPostgresAndDuckDbTypeNames() {
    var p = assertInstanceOf(Project.class, assertInstanceOf(Statement.Query.class,
        analyze("SELECT CAST(a AS INT8), CAST(a AS FLOAT8), CAST(c AS BOOL), a::numeric(5,1), CAST(a AS STRING) FROM t")).plan());
    assertEquals(List.of(SqlType.BIGINT, SqlType.DOUBLE, SqlType.BOOLEAN, SqlType.decimal(5, 1), SqlType.VARCHAR),
        p.output().stream().map(Field::type).toList());
    assertEquals("line 1, column 26: type GEOMETRY is not supported yet",
        assertThrows(FlernException.class, () -> analyze("SELECT a FROM t WHERE a::geometry IS NULL")).getMessage());
    assertEquals("line 1, column 18: type BLOB is not supported yet",
        assertThrows(FlernException.class, () -> analyze("SELECT CAST(a AS BLOB) FROM t")).getMessage());
  }

  @Test
  void syntaxErrorsPointAtTheOffendingToken() {
    assertEquals("syntax error at line 1, column 32: Encountered \"5\"",
        assertThrows(FlernException.class, () -> analyze("SELECT a FROM t WHERE a IS NOT 5")).getMessage());
  }
}
