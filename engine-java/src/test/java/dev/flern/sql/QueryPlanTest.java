package dev.flern.sql;

import static dev.flern.sql.Fixture.analyze;
import static dev.flern.sql.Fixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.plan.AggCall;
import dev.flern.plan.AggCall.AggFn;
import dev.flern.plan.Aggregate;
import dev.flern.plan.CsvScan;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Limit;
import dev.flern.plan.Plan;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Sort;
import dev.flern.plan.SortKey;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryPlanTest {
  @Test
  void projectOverFilterOverScan() {
    var stmt = assertInstanceOf(Statement.Query.class, analyze("SELECT a + 1 AS a1 FROM t WHERE b > 5"));
    assertEquals(List.of("a1"), stmt.columnNames());
    var project = assertInstanceOf(Project.class, stmt.plan());
    var filter = assertInstanceOf(Filter.class, project.input());
    var scan = assertInstanceOf(Scan.class, filter.input());
    assertEquals("t", scan.table());
    assertEquals(List.of(0, 1, 2, 3, 4, 5), scan.columns());
    assertEquals(new Field("e", SqlType.decimal(12, 2), false), scan.output().get(4));
    assertEquals(new Call(Op.GT, List.of(new ColumnRef(1, SqlType.BIGINT, true), new Literal(5L, SqlType.BIGINT)),
        SqlType.BOOLEAN, true), filter.condition());
    assertEquals(new Call(Op.PLUS, List.of(new ColumnRef(0, SqlType.INTEGER, true), new Literal(1, SqlType.INTEGER)),
        SqlType.INTEGER, true), project.exprs().get(0));
    assertEquals(List.of(new Field("a1", SqlType.INTEGER, true)), project.output());
  }

  @Test
  void aggregateResultTypesFollowDuckDb() {
    var agg = assertInstanceOf(Aggregate.class,
        query("select avg(a), avg(e), sum(a), sum(b), sum(e), sum(f), count(*), count(c), min(c), max(d) from t"));
    assertEquals(List.of(), agg.groupKeys());
    List<SqlType> types = agg.output().stream().map(Field::type).toList();
    assertEquals(List.of(SqlType.DOUBLE, SqlType.DOUBLE, SqlType.BIGINT, SqlType.decimal(38, 0), SqlType.decimal(38, 2),
        SqlType.DOUBLE, SqlType.BIGINT, SqlType.BIGINT, SqlType.VARCHAR, SqlType.DATE), types);
    List<AggFn> fns = agg.aggs().stream().map(AggCall::fn).toList();
    assertEquals(List.of(AggFn.AVG, AggFn.AVG, AggFn.SUM, AggFn.SUM, AggFn.SUM, AggFn.SUM, AggFn.COUNT_STAR,
        AggFn.COUNT, AggFn.MIN, AggFn.MAX), fns);
    assertEquals(Optional.empty(), agg.aggs().get(6).arg());
    assertEquals(Optional.of(2), agg.aggs().get(7).arg());
  }

  @Test
  void groupByAliasOrdinalHavingOrderLimit() {
    var stmt = assertInstanceOf(Statement.Query.class, analyze(
        "select c as k, count(distinct a) n from t group by k having count(distinct a) > 1 order by 2 desc, 1 limit 5 offset 2"));
    assertEquals(List.of("k", "n"), stmt.columnNames());
    var limit = assertInstanceOf(Limit.class, stmt.plan());
    assertEquals(Optional.of(new Literal(2L, SqlType.BIGINT)), limit.offset());
    assertEquals(Optional.of(new Literal(5L, SqlType.BIGINT)), limit.fetch());
    var sort = assertInstanceOf(Sort.class, limit.input());
    // PostgreSQL: NULLs are the largest value, first in DESC and last in ASC.
    assertEquals(List.of(new SortKey(1, true, true), new SortKey(0, false, false)), sort.keys());
    var filter = assertInstanceOf(Filter.class, sort.input());
    var agg = assertInstanceOf(Aggregate.class, filter.input());
    assertEquals(List.of(2), agg.groupKeys());
    assertTrue(agg.aggs().get(0).distinct());
    assertEquals(List.of(0), assertInstanceOf(Aggregate.class, query("select a from t group by 1")).groupKeys());
  }

  @Test
  void limitWithoutOrderAndExplicitNullOrder() {
    var limit = assertInstanceOf(Limit.class, query("select a from t limit 3"));
    assertEquals(Optional.empty(), limit.offset());
    var sort = assertInstanceOf(Sort.class, query("select a, b from t order by a desc nulls last, b nulls first"));
    assertEquals(List.of(new SortKey(0, true, false), new SortKey(1, false, true)), sort.keys());
  }

  @Test
  void distinctIsAnAggregateWithoutCalls() {
    var agg = assertInstanceOf(Aggregate.class, query("select distinct c from t"));
    assertEquals(List.of(2), agg.groupKeys());
    assertEquals(List.of(), agg.aggs());
  }

  @Test
  void joinKeysAreExtractedAndTheRestIsResidual() {
    var join = assertInstanceOf(Join.class, query("select * from t join u on t.b = u.x and t.a < u.x"));
    assertEquals(List.of(1), join.leftKeys());
    assertEquals(List.of(0), join.rightKeys());
    var residual = assertInstanceOf(Call.class, join.residual().orElseThrow());
    assertEquals(Op.LT, residual.op());
    assertEquals(new ColumnRef(6, SqlType.BIGINT, false), residual.args().get(1));
    assertEquals(8, join.output().size());
  }

  @Test
  void whereConditionsMoveIntoTheJoinAndKeysGetOneType() {
    // t.a is INTEGER, u.x BIGINT: the key is widened below the join.
    Plan plan = query("select y from t, u where t.a = u.x and t.c = 'z'");
    Join join = findJoin(plan);
    Field lk = join.left().output().get(join.leftKeys().get(0));
    Field rk = join.right().output().get(join.rightKeys().get(0));
    assertEquals(SqlType.BIGINT, lk.type());
    assertEquals(SqlType.BIGINT, rk.type());
  }

  @Test
  void crossJoinHasNoKeys() {
    var join = findJoin(query("select * from t, u"));
    assertEquals(List.of(), join.leftKeys());
    assertEquals(Optional.empty(), join.residual());
  }

  @Test
  void uncorrelatedScalarSubqueryIsACrossJoinWithAOneRowAggregate() {
    Join join = findJoin(query("select a from t where a > (select max(x) from u)"));
    assertEquals(List.of(), join.leftKeys());
    assertInstanceOf(Aggregate.class, join.right());
    assertTrue(join.residual().isPresent());
  }

  @Test
  void inAndExistsSubqueriesBecomeInnerJoins() {
    Join in = findJoin(query("select a from t where b in (select x from u)"));
    assertEquals(1, in.leftKeys().size());
    Join exists = findJoin(query("select a from t where exists (select 1 from u where u.x = t.b)"));
    assertEquals(1, exists.leftKeys().size());
    Join correlated = findJoin(query("select a from t where b > (select max(x) from u where u.y = t.c)"));
    assertEquals(1, correlated.leftKeys().size());
  }

  @Test
  void equalsAnyIsInAndNotEqualsAllIsNotIn() {
    assertEquals(query("select a from t where b in (select x from u)"), query("select a from t where b = any (select x from u)"));
    // NOT IN of a subquery is not planned yet either; <> ALL says the same as NOT IN.
    assertEquals(assertThrows(FlernException.class, () -> analyze("select a from t where b not in (select x from u)")).getMessage(),
        assertThrows(FlernException.class, () -> analyze("select a from t where b <> all (select x from u)")).getMessage());
    assertEquals("line 1, column 23: not supported yet: > ALL (ANY, SOME and ALL other than = ANY and <> ALL)",
        assertThrows(FlernException.class, () -> analyze("select a from t where b > all (select x from u)")).getMessage());
  }

  @Test
  void commonTableExpressions() {
    var p = assertInstanceOf(Project.class, query("with q as (select a, c from t where a > 1) select c from q"));
    assertInstanceOf(Filter.class, p.input());
  }

  @Test
  void valuesAndSelectWithoutFrom() {
    var v = assertInstanceOf(Values.class, query("values (1, 'a'), (2, 'bc')"));
    assertEquals(List.of(new Field("EXPR$0", SqlType.INTEGER, false), new Field("EXPR$1", SqlType.VARCHAR, false)), v.output());
    assertEquals(List.of(new Literal(1, SqlType.INTEGER), new Literal("a", SqlType.VARCHAR)), v.rows().get(0));
    var one = assertInstanceOf(Values.class, query("select 1 + 2, 'x'"));
    assertEquals(1, one.rows().size());
    var mixed = assertInstanceOf(Values.class, query("values (1), (2 + 3)"));
    assertEquals(2, mixed.rows().size());
  }

  @Test
  void readCsvBecomesCsvScanWithTheInferredColumns() {
    var f = assertInstanceOf(Filter.class,
        query("select * from read_csv('data/f.csv', header => false, delim => ';', nullstr => 'NA') r where r.k > 1"));
    var scan = assertInstanceOf(CsvScan.class, f.input());
    assertEquals("data/f.csv", scan.path());
    assertEquals(false, scan.options().header());
    assertEquals(';', scan.options().delimiter());
    assertEquals("NA", scan.options().nullString());
    assertEquals(Optional.of(Fixture.CSV), scan.options().columns());
    assertEquals(List.of(new Field("k", SqlType.INTEGER, true), new Field("v", SqlType.VARCHAR, true)), scan.output());
  }

  @Test
  void readCsvWithDeclaredColumns() {
    var agg = assertInstanceOf(Aggregate.class,
        query("select sum(q) from read_csv('g.csv', columns => 'p INTEGER NOT NULL, q DECIMAL(5,2)')"));
    var scan = assertInstanceOf(CsvScan.class, agg.input() instanceof Project p ? p.input() : agg.input());
    assertEquals(List.of(new Field("p", SqlType.INTEGER, false), new Field("q", SqlType.decimal(5, 2), true)), scan.output());
    var struct = assertInstanceOf(CsvScan.class,
        query("select * from read_csv('g.csv', columns => {'p': 'BIGINT', 'q': 'VARCHAR'})"));
    assertEquals(List.of(SqlType.BIGINT, SqlType.VARCHAR), struct.output().stream().map(Field::type).toList());
  }

  @Test
  void readCsvKeepsPositionsAfterIt() {
    assertEquals("line 2, column 8: column \"nope\" does not exist", assertThrows(FlernException.class,
        () -> analyze("select * from read_csv('some/long/path.csv', header => true)\nwhere  nope > 1")).getMessage());
  }

  @Test
  void unsupportedRelationalFeaturesSayWhat() {
    assertEquals("not supported yet: LEFT JOIN",
        assertThrows(FlernException.class, () -> query("select * from t left join u on t.b = u.x")).getMessage());
    assertEquals("not supported yet: UNION",
        assertThrows(FlernException.class, () -> query("select a from t union select x from u")).getMessage());
    assertEquals("not supported yet: UNION ALL",
        assertThrows(FlernException.class, () -> query("select a from t union all select x from u")).getMessage());
    assertEquals("not supported yet: INTERSECT",
        assertThrows(FlernException.class, () -> query("select b from t intersect select x from u")).getMessage());
    assertEquals("not supported yet: window functions",
        assertThrows(FlernException.class, () -> query("select row_number() over (order by a) from t")).getMessage());
    assertEquals("GROUPING SETS are not supported",
        assertThrows(FlernException.class, () -> query("select a, count(*) from t group by rollup(a)")).getMessage());
  }

  static Join findJoin(Plan p) {
    if (p instanceof Join j) return j;
    for (Plan in : p.inputs()) {
      try {
        return findJoin(in);
      } catch (AssertionError e) {
        // keep looking
      }
    }
    throw new AssertionError("no join in " + p);
  }
}
