package dev.flern.sql;

import static dev.flern.sql.Fixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import dev.flern.plan.Filter;
import dev.flern.plan.Plan;
import dev.flern.plan.Project;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions, over t(a INTEGER, b BIGINT, c VARCHAR, d DATE, e DECIMAL(12,2) NOT NULL, f DOUBLE). */
class ExpressionTest {
  private static final ColumnRef A = new ColumnRef(0, SqlType.INTEGER, true);
  private static final ColumnRef B = new ColumnRef(1, SqlType.BIGINT, true);
  private static final ColumnRef C = new ColumnRef(2, SqlType.VARCHAR, true);
  private static final ColumnRef D = new ColumnRef(3, SqlType.DATE, true);
  private static final ColumnRef E = new ColumnRef(4, SqlType.decimal(12, 2), false);
  private static final ColumnRef F = new ColumnRef(5, SqlType.DOUBLE, true);

  /** The single expression of {@code SELECT <expr> FROM t}. */
  private static Expr select(String expr) {
    var p = assertInstanceOf(Project.class, query("select " + expr + " from t"));
    return p.exprs().get(0);
  }

  private static Expr where(String condition) {
    Plan p = query("select * from t where " + condition);
    return assertInstanceOf(Filter.class, p).condition();
  }

  private static Literal lit(Object v, SqlType t) {
    return new Literal(v, t);
  }

  private static int days(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  /** The leaves of a left-deep AND/OR tree. */
  private static List<Expr> flatten(Expr e, Op op) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Call c && c.op() == op) {
      for (Expr a : c.args()) out.addAll(flatten(a, op));
    } else {
      out.add(e);
    }
    return out;
  }

  @Test
  void inListBecomesOrOfEquals() {
    Expr cond = where("a in (1, 2, 3)");
    List<Expr> ors = flatten(cond, Op.OR);
    assertEquals(3, ors.size());
    for (int i = 0; i < 3; i++)
      assertEquals(new Call(Op.EQ, List.of(A, lit(i + 1, SqlType.INTEGER)), SqlType.BOOLEAN, true), ors.get(i));
    // every AND/OR is binary
    assertEquals(2, ((Call) cond).args().size());
  }

  @Test
  void betweenBecomesTwoComparisons() {
    List<Expr> ands = flatten(where("a between 1 and 10"), Op.AND);
    assertEquals(List.of(new Call(Op.GE, List.of(A, lit(1, SqlType.INTEGER)), SqlType.BOOLEAN, true),
        new Call(Op.LE, List.of(A, lit(10, SqlType.INTEGER)), SqlType.BOOLEAN, true)), ands);
  }

  @Test
  void notInBecomesNotOfOrOfEquals() {
    Call not = assertInstanceOf(Call.class, where("a not in (1, 2)"));
    assertEquals(Op.NOT, not.op());
    List<Expr> ors = flatten(not.args().get(0), Op.OR);
    assertEquals(List.of(new Call(Op.EQ, List.of(A, lit(1, SqlType.INTEGER)), SqlType.BOOLEAN, true),
        new Call(Op.EQ, List.of(A, lit(2, SqlType.INTEGER)), SqlType.BOOLEAN, true)), ors);
  }

  @Test
  void caseWithStringsOfDifferentLengthsIsVarchar() {
    var c = assertInstanceOf(Case.class, select("case when a > 1 then 'a' else 'bc' end"));
    assertEquals(SqlType.VARCHAR, c.type());
    assertEquals(List.of(lit("a", SqlType.VARCHAR)), c.thens());
    assertEquals(lit("bc", SqlType.VARCHAR), c.otherwise());
  }

  @Test
  void caseWithoutElseIsNull() {
    var c = assertInstanceOf(Case.class, select("case a when 1 then b end"));
    assertEquals(lit(null, SqlType.BIGINT), c.otherwise());
    assertTrue(c.nullable());
  }

  @Test
  void caseBranchesAreCastToTheResultType() {
    var c = assertInstanceOf(Case.class, select("case when a > 1 then a else e end"));
    assertEquals(SqlType.decimal(12, 2), c.type());
    assertEquals(new Cast(A, SqlType.decimal(12, 2), true), c.thens().get(0));
  }

  @Test
  void coalesceAndNullIfAreCase() {
    var co = assertInstanceOf(Case.class, select("coalesce(a, 0)"));
    assertEquals(SqlType.INTEGER, co.type());
    assertEquals(new Call(Op.IS_NOT_NULL, List.of(A), SqlType.BOOLEAN, false), co.whens().get(0));
    assertEquals(List.of(A), co.thens());
    assertEquals(lit(0, SqlType.INTEGER), co.otherwise());
    var ni = assertInstanceOf(Case.class, select("nullif(a, 1)"));
    assertEquals(lit(null, SqlType.INTEGER), ni.thens().get(0));
    assertEquals(A, ni.otherwise());
  }

  @Test
  void integerDivisionStaysInteger() {
    assertEquals(new Call(Op.DIVIDE, List.of(A, lit(2, SqlType.INTEGER)), SqlType.INTEGER, true), select("a / 2"));
  }

  @Test
  void mixedIntegerArithmeticWidensToBigint() {
    assertEquals(new Call(Op.PLUS, List.of(new Cast(A, SqlType.BIGINT, true), B), SqlType.BIGINT, true), select("a + b"));
  }

  @Test
  void decimalArithmeticKeepsEachDecimalAndMakesIntegersDecimal() {
    assertEquals(new Call(Op.TIMES, List.of(E, new Cast(A, SqlType.decimal(10, 0), true)), SqlType.decimal(22, 2), true),
        select("e * a"));
    assertEquals(new Call(Op.PLUS, List.of(E, lit(new BigDecimal("1"), SqlType.decimal(10, 0))), SqlType.decimal(13, 2), false),
        select("e + 1"));
    Call mixed = assertInstanceOf(Call.class, select("e - 1.5"));
    assertEquals(List.of(E, lit(new BigDecimal("1.5"), SqlType.decimal(2, 1))), mixed.args());
  }

  @Test
  void doubleArithmeticCastsTheOtherOperandToDouble() {
    assertEquals(new Call(Op.PLUS, List.of(F, new Cast(A, SqlType.DOUBLE, true)), SqlType.DOUBLE, true), select("f + a"));
    assertEquals(new Call(Op.PLUS, List.of(new Cast(E, SqlType.DOUBLE, false), F), SqlType.DOUBLE, true), select("e + f"));
  }

  @Test
  void comparisonsGetOneCommonType() {
    assertEquals(List.of(new Cast(A, SqlType.BIGINT, true), B), ((Call) where("a = b")).args());
    assertEquals(List.of(E, new Cast(A, SqlType.decimal(12, 2), true)), ((Call) where("e = a")).args());
    assertEquals(List.of(E, lit(new BigDecimal("1.50"), SqlType.decimal(12, 2))), ((Call) where("e < 1.5")).args());
    assertEquals(List.of(F, lit(2.0, SqlType.DOUBLE)), ((Call) where("f > 2")).args());
  }

  @Test
  void decimalsOfDifferentScalesCompareAsOneDecimal() {
    Call c = assertInstanceOf(Call.class, where("e > 1.125"));
    assertEquals(SqlType.decimal(13, 3), c.args().get(0).type());
    assertEquals(SqlType.decimal(13, 3), c.args().get(1).type());
  }

  @Test
  void dateComparedWithTextReadsTheTextAsDate() {
    assertEquals(new Call(Op.LT, List.of(D, lit(days("1995-01-01"), SqlType.DATE)), SqlType.BOOLEAN, true),
        where("d < '1995-01-01'"));
  }

  @Test
  void constantDateIntervalArithmeticIsFolded() {
    assertEquals(lit(days("1998-09-02"), SqlType.DATE),
        ((Call) where("d <= date '1998-12-01' - interval '90' day")).args().get(1));
    assertEquals(lit(days("1994-04-01"), SqlType.DATE),
        ((Call) where("d < date '1994-01-01' + interval '3' month")).args().get(1));
    assertEquals(lit(days("1995-01-01"), SqlType.DATE),
        ((Call) where("d < date '1994-01-01' + interval '1' year")).args().get(1));
  }

  @Test
  void castsOfLiteralsAndNegatedLiteralsAreFolded() {
    var v = assertInstanceOf(Values.class,
        query("select cast(1 as decimal(5,2)), -5, cast('1995-01-01' as date), -2.50, cast(-7 as bigint), cast(3 as double)"));
    assertEquals(List.of(lit(new BigDecimal("1.00"), SqlType.decimal(5, 2)), lit(-5, SqlType.INTEGER),
        lit(days("1995-01-01"), SqlType.DATE), lit(new BigDecimal("-2.50"), SqlType.decimal(3, 2)),
        lit(-7L, SqlType.BIGINT), lit(3.0, SqlType.DOUBLE)), v.rows().get(0));
  }

  @Test
  void castsOfColumnsStayAndNoOpCastsAreDropped() {
    assertEquals(new Cast(A, SqlType.BIGINT, true), select("cast(a as bigint)"));
    assertEquals(A, select("cast(a as int)"));
    assertEquals(C, select("cast(c as varchar(5))"));
    assertEquals(C, select("cast(c as text)"));
    assertEquals(new Cast(C, SqlType.DATE, true), select("cast(c as date)"));
  }

  @Test
  void booleansAndIntegersCastBothWays() {
    Expr gt = new Call(Op.GT, List.of(A, lit(1, SqlType.INTEGER)), SqlType.BOOLEAN, true);
    assertEquals(new Cast(gt, SqlType.INTEGER, true), select("cast(a > 1 as integer)"));
    assertEquals(new Cast(gt, SqlType.INTEGER, true), select("(a > 1)::int4"));
    // As in PostgreSQL, BOOLEAN to BIGINT is not a cast.
    assertThrows(FlernException.class, () -> select("(a > 1)::bigint"));
    assertEquals(new Cast(A, SqlType.BOOLEAN, true), select("cast(a as boolean)"));
    assertEquals(lit(1, SqlType.INTEGER), select("cast(true as integer)"));
    assertEquals(lit(false, SqlType.BOOLEAN), select("0::bool"));
  }

  @Test
  void unaryMinusAndAbs() {
    assertEquals(new Call(Op.NEGATE, List.of(A), SqlType.INTEGER, true), select("-a"));
    assertEquals(A, select("+a"));
    assertEquals(new Call(Op.ABS, List.of(F), SqlType.DOUBLE, true), select("abs(f)"));
  }

  @Test
  void moduloInBothSpellings() {
    assertEquals(new Call(Op.MOD, List.of(A, lit(3, SqlType.INTEGER)), SqlType.INTEGER, true), select("a % 3"));
    assertEquals(new Call(Op.MOD, List.of(A, lit(3, SqlType.INTEGER)), SqlType.INTEGER, true), select("mod(a, 3)"));
  }

  @Test
  void moduloHasTheWiderOperandType() {
    // PostgreSQL: bigint % int is a bigint; the narrower operand is widened, never the other one narrowed.
    assertEquals(new Call(Op.MOD, List.of(B, lit(3L, SqlType.BIGINT)), SqlType.BIGINT, true), select("b % 3"));
    assertEquals(new Call(Op.MOD, List.of(B, lit(3L, SqlType.BIGINT)), SqlType.BIGINT, true), select("mod(b, 3)"));
    assertEquals(new Call(Op.MOD, List.of(new Cast(A, SqlType.BIGINT, true), B), SqlType.BIGINT, true), select("a % b"));
    var sum = assertInstanceOf(Project.class, query("select sum(b % 3) from t group by a"));
    assertEquals(SqlType.decimal(38, 0), sum.output().get(0).type());
    Expr dec = select("e % 2");
    assertEquals(Kind.DECIMAL, dec.type().kind());
  }

  @Test
  void bangEqualsAndNotEquals() {
    List<Expr> ands = flatten(where("a != 1 and b <> 2"), Op.AND);
    assertEquals(Op.NE, ((Call) ands.get(0)).op());
    assertEquals(Op.NE, ((Call) ands.get(1)).op());
  }

  @Test
  void logicAndNullTests() {
    // Calcite's simplifier is off (see QueryPlanner): NOT stays NOT.
    assertEquals(new Call(Op.NOT, List.of(new Call(Op.GT, List.of(A, lit(1, SqlType.INTEGER)), SqlType.BOOLEAN, true)),
        SqlType.BOOLEAN, true), select("not (a > 1)"));
    assertEquals(new Call(Op.IS_NULL, List.of(C), SqlType.BOOLEAN, false), select("c is null"));
    assertEquals(new Call(Op.IS_NOT_NULL, List.of(C), SqlType.BOOLEAN, false), select("c is not null"));
    Call isTrue = assertInstanceOf(Call.class, select("(a > 1) is true"));
    assertEquals(Op.IS_TRUE, isTrue.op());
    Call isNotFalse = assertInstanceOf(Call.class, select("(a > 1) is not false"));
    assertEquals(Op.IS_NOT_FALSE, isNotFalse.op());
  }

  @Test
  void isDistinctFromBetweenColumns() {
    // Calcite expands it: (a IS NOT NULL OR b IS NOT NULL) AND (a = b) IS NOT TRUE.
    Expr eq = new Call(Op.EQ, List.of(new Cast(A, SqlType.BIGINT, true), B), SqlType.BOOLEAN, true);
    Expr anyNotNull = new Call(Op.OR, List.of(new Call(Op.IS_NOT_NULL, List.of(new Cast(A, SqlType.BIGINT, true)), SqlType.BOOLEAN, false),
        new Call(Op.IS_NOT_NULL, List.of(B), SqlType.BOOLEAN, false)), SqlType.BOOLEAN, false);
    assertEquals(new Call(Op.AND, List.of(anyNotNull, new Call(Op.IS_NOT_TRUE, List.of(eq), SqlType.BOOLEAN, false)),
        SqlType.BOOLEAN, false), select("a is distinct from b"));
    Expr notDistinct = select("a is not distinct from b");
    assertEquals(SqlType.BOOLEAN, notDistinct.type());
    assertTrue(!notDistinct.nullable());
  }

  @Test
  void likeAndNotLike() {
    assertEquals(new Call(Op.LIKE, List.of(C, lit("a%", SqlType.VARCHAR)), SqlType.BOOLEAN, true), where("c like 'a%'"));
    assertEquals(new Call(Op.NOT_LIKE, List.of(C, lit("b%", SqlType.VARCHAR)), SqlType.BOOLEAN, true), where("c not like 'b%'"));
    assertEquals(new Call(Op.NOT_LIKE, List.of(C, lit("b%", SqlType.VARCHAR)), SqlType.BOOLEAN, true), where("not (c like 'b%')"));
  }

  @Test
  void stringFunctions() {
    assertEquals(new Call(Op.CONCAT, List.of(C, lit("ü", SqlType.VARCHAR)), SqlType.VARCHAR, true), select("c || 'ü'"));
    assertEquals(new Call(Op.CHAR_LENGTH, List.of(C), SqlType.INTEGER, true), select("char_length(c)"));
    assertEquals(new Call(Op.CHAR_LENGTH, List.of(C), SqlType.INTEGER, true), select("length(c)"));
    assertEquals(new Call(Op.UPPER, List.of(C), SqlType.VARCHAR, true), select("upper(c)"));
    assertEquals(new Call(Op.LOWER, List.of(C), SqlType.VARCHAR, true), select("lower(c)"));
    assertEquals(new Call(Op.SUBSTRING, List.of(C, lit(2L, SqlType.BIGINT), lit(3L, SqlType.BIGINT)), SqlType.VARCHAR, true),
        select("substring(c from 2 for 3)"));
    assertEquals(new Call(Op.SUBSTRING, List.of(C, lit(2L, SqlType.BIGINT)), SqlType.VARCHAR, true), select("substring(c, 2)"));
    assertEquals(new Call(Op.TRIM_BOTH, List.of(C), SqlType.VARCHAR, true), select("trim(c)"));
    assertEquals(new Call(Op.TRIM_LEADING, List.of(C), SqlType.VARCHAR, true), select("trim(leading from c)"));
    assertEquals(new Call(Op.TRIM_TRAILING, List.of(C), SqlType.VARCHAR, true), select("trim(trailing ' ' from c)"));
  }

  @Test
  void extractFromDate() {
    assertEquals(new Call(Op.EXTRACT_YEAR, List.of(D), SqlType.BIGINT, true), select("extract(year from d)"));
    assertEquals(new Call(Op.EXTRACT_MONTH, List.of(D), SqlType.BIGINT, true), select("extract(month from d)"));
    assertEquals(new Call(Op.EXTRACT_DAY, List.of(D), SqlType.BIGINT, true), select("extract(day from d)"));
  }

  @Test
  void literalsOfEveryType() {
    var v = assertInstanceOf(Values.class,
        query("select true, 7, 5000000000, 1.25, 1e3, 'x', date '2000-01-01', cast(null as date)"));
    assertEquals(List.of(lit(true, SqlType.BOOLEAN), lit(7, SqlType.INTEGER), lit(5_000_000_000L, SqlType.BIGINT),
        lit(new BigDecimal("1.25"), SqlType.decimal(3, 2)), lit(1000.0, SqlType.DOUBLE), lit("x", SqlType.VARCHAR),
        lit(days("2000-01-01"), SqlType.DATE), lit(null, SqlType.DATE)), v.rows().get(0));
  }

  @Test
  void unsupportedFunctionsAndTrimCharacters() {
    assertEquals("function DEGREES is not supported yet",
        assertThrows(FlernException.class, () -> select("degrees(f)")).getMessage());
    assertEquals("not supported yet: TRIM of characters other than spaces",
        assertThrows(FlernException.class, () -> select("trim('x' from c)")).getMessage());
    assertTrue(assertThrows(FlernException.class, () -> select("d + interval '1' day")).getMessage()
        .startsWith("not supported yet: DATE ± INTERVAL"));
  }
}
