package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts Calcite's row expressions into Flern's {@link Expr}. Besides the one-to-one mapping it
 * establishes {@link Op}'s contract: the operands of arithmetic and comparisons get one common type
 * (casts are inserted here, not left implicit), except DECIMAL arithmetic, whose operands stay
 * DECIMALs of their own precision and scale. Result types are the ones Calcite derived.
 */
final class RexToExpr {
  private final RexBuilder rexBuilder;

  RexToExpr(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  Expr convert(RexNode node) {
    return switch (node) {
      case RexInputRef r -> new ColumnRef(r.getIndex(), Types.toFlern(r.getType()), r.getType().isNullable());
      case RexLiteral l -> literal(l);
      case RexOver o -> throw new FlernException("not supported yet: window functions");
      case RexSubQuery q -> throw new FlernException("not supported yet: this kind of subquery");
      case RexCall c -> call(c);
      case RexCorrelVariable v -> throw new FlernException("not supported yet: correlated subqueries");
      case RexFieldAccess a -> throw new FlernException("not supported yet: correlated subqueries");
      case RexDynamicParam p -> throw new FlernException("not supported yet: query parameters");
      default -> throw new FlernException("not supported yet: expression " + node);
    };
  }

  /** A Calcite literal as a Flern literal of the literal's own (mapped) type. */
  static Literal literal(RexLiteral l) {
    RelDataType t = l.getType();
    SqlType type = Types.toFlern(t);
    if (l.isNull()) return new Literal(null, type);
    Object v = switch (type.kind()) {
      case BOOLEAN -> l.getValueAs(Boolean.class);
      case INTEGER -> l.getValueAs(BigDecimal.class).intValueExact();
      case BIGINT -> l.getValueAs(BigDecimal.class).longValueExact();
      case DOUBLE -> l.getValueAs(Double.class);
      case DECIMAL -> l.getValueAs(BigDecimal.class).setScale(type.scale(), RoundingMode.HALF_UP);
      case DATE -> l.getValueAs(Integer.class);
      case VARCHAR -> l.getValueAs(String.class);
      case FLOAT_ARRAY -> throw new FlernException("not supported yet: " + type + " literals");
    };
    return new Literal(v, type);
  }

  private List<Expr> args(RexCall c) {
    List<Expr> out = new ArrayList<>(c.getOperands().size());
    for (RexNode n : c.getOperands()) out.add(convert(n));
    return out;
  }

  private static SqlType typeOf(RexCall c) {
    return Types.toFlern(c.getType());
  }

  private static boolean nullable(RexCall c) {
    return c.getType().isNullable();
  }

  private Expr call(RexCall c) {
    SqlKind kind = c.getKind();
    return switch (kind) {
      case CAST -> {
        if (isInterval(c.getType())) throw unsupportedInterval();
        yield Fold.cast(convert(c.getOperands().get(0)), typeOf(c));
      }
      case PLUS, MINUS -> isDate(c.getType()) || hasInterval(c) ? dateArithmetic(c)
          : arithmetic(kind == SqlKind.PLUS ? Op.PLUS : Op.MINUS, c);
      case TIMES -> arithmetic(Op.TIMES, c);
      case DIVIDE -> arithmetic(Op.DIVIDE, c);
      case MOD -> arithmetic(Op.MOD, c);
      case MINUS_PREFIX -> {
        Expr a = Fold.cast(convert(c.getOperands().get(0)), typeOf(c));
        if (a instanceof Literal l) {
          Optional<Literal> n = Fold.negate(l);
          if (n.isPresent()) yield n.get();
        }
        yield new Call(Op.NEGATE, List.of(a), typeOf(c), nullable(c));
      }
      case PLUS_PREFIX -> Fold.cast(convert(c.getOperands().get(0)), typeOf(c));
      case EQUALS -> comparison(Op.EQ, c);
      case NOT_EQUALS -> comparison(Op.NE, c);
      case LESS_THAN -> comparison(Op.LT, c);
      case LESS_THAN_OR_EQUAL -> comparison(Op.LE, c);
      case GREATER_THAN -> comparison(Op.GT, c);
      case GREATER_THAN_OR_EQUAL -> comparison(Op.GE, c);
      case IS_DISTINCT_FROM -> comparison(Op.IS_DISTINCT_FROM, c);
      case IS_NOT_DISTINCT_FROM -> comparison(Op.IS_NOT_DISTINCT_FROM, c);
      case AND -> logic(Op.AND, c);
      case OR -> logic(Op.OR, c);
      case NOT -> {
        RexNode inner = c.getOperands().get(0);
        if (inner.getKind() == SqlKind.LIKE) yield like((RexCall) inner, true);
        yield new Call(Op.NOT, args(c), SqlType.BOOLEAN, nullable(c));
      }
      case IS_NULL -> unary(Op.IS_NULL, c);
      case IS_NOT_NULL -> unary(Op.IS_NOT_NULL, c);
      case IS_TRUE -> unary(Op.IS_TRUE, c);
      case IS_NOT_TRUE -> unary(Op.IS_NOT_TRUE, c);
      case IS_FALSE -> unary(Op.IS_FALSE, c);
      case IS_NOT_FALSE -> unary(Op.IS_NOT_FALSE, c);
      case LIKE -> like(c, false);
      case SEARCH -> convert(RexUtil.expandSearch(rexBuilder, null, c));
      case CASE -> caseWhen(c);
      case COALESCE -> coalesce(c);
      case NULLIF -> nullIf(c);
      case EXTRACT -> extract(c);
      case TRIM -> trim(c);
      case LTRIM -> stringFn(Op.TRIM_LEADING, c);
      case RTRIM -> stringFn(Op.TRIM_TRAILING, c);
      case ITEM -> element(c);
      case CEIL -> rounding(Op.CEIL, c);
      case FLOOR -> rounding(Op.FLOOR, c);
      case OTHER_FUNCTION, OTHER -> byName(c);
      default -> byName(c);
    };
  }

  private Expr byName(RexCall c) {
    String name = c.getOperator().getName().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "TO_FLOAT_ARRAY" -> toFloatArray(c);
      // Model calls are lifted into Predict plan nodes before expressions are converted; one left
      // here stands where rows are not batched (a join condition, an aggregate's argument).
      case "PREDICT" -> throw new FlernException("not supported yet: PREDICT here (it works in SELECT lists and WHERE clauses)");
      // CARDINALITY(v) of a FLOAT[n] is n (NULL for NULL): known when planned.
      case "CARDINALITY" -> {
        Expr v = convert(c.getOperands().get(0));
        if (v.type().kind() != Kind.FLOAT_ARRAY) throw unsupportedFunction(name + " of " + v.type());
        Literal n = new Literal(v.type().length(), SqlType.INTEGER);
        if (!v.nullable()) yield n;
        yield new Case(List.of(new Call(Op.IS_NOT_NULL, List.of(v), SqlType.BOOLEAN, false)), List.of(n),
            new Literal(null, SqlType.INTEGER), SqlType.INTEGER, true);
      }
      case "||", "CONCAT" -> {
        if (c.getOperands().size() != 2) throw unsupportedFunction(name);
        yield stringFn(Op.CONCAT, c);
      }
      case "CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH" -> {
        Expr s = Fold.cast(convert(c.getOperands().get(0)), SqlType.VARCHAR);
        yield new Call(Op.CHAR_LENGTH, List.of(s), typeOf(c), nullable(c));
      }
      case "UPPER" -> stringFn(Op.UPPER, c);
      case "LOWER" -> stringFn(Op.LOWER, c);
      case "BTRIM" -> {
        if (c.getOperands().size() != 1) throw unsupportedTrim();
        yield stringFn(Op.TRIM_BOTH, c);
      }
      case "SUBSTRING", "SUBSTR" -> {
        List<Expr> a = args(c);
        List<Expr> out = new ArrayList<>();
        out.add(Fold.cast(a.get(0), SqlType.VARCHAR));
        for (int i = 1; i < a.size(); i++) out.add(Fold.cast(a.get(i), SqlType.BIGINT));
        yield new Call(Op.SUBSTRING, out, typeOf(c), nullable(c));
      }
      case "ABS" -> new Call(Op.ABS, List.of(Fold.cast(convert(c.getOperands().get(0)), typeOf(c))),
          typeOf(c), nullable(c));
      case "ROUND" -> rounding(Op.ROUND, c);
      case "TRUNCATE", "TRUNC" -> rounding(Op.TRUNC, c);
      case "SIGN" -> rounding(Op.SIGN, c);
      case "SQRT" -> doubleFn(Op.SQRT, c);
      case "CBRT" -> doubleFn(Op.CBRT, c);
      case "EXP" -> doubleFn(Op.EXP, c);
      case "LN" -> doubleFn(Op.LN, c);
      case "LOG10" -> doubleFn(Op.LOG10, c);
      // PostgreSQL's log(x) is the base-10 logarithm; log(b, x) takes the base first.
      case "LOG" -> doubleFn(c.getOperands().size() == 1 ? Op.LOG10 : Op.LOG, c);
      case "POWER" -> doubleFn(Op.POWER, c);
      case "PI" -> new Literal(Math.PI, SqlType.DOUBLE);
      default -> throw unsupportedFunction(name);
    };
  }

  /**
   * CEIL, FLOOR, ROUND, TRUNC and SIGN, typed as Calcite types them: an integer stays its integer
   * type, a DOUBLE a DOUBLE, a DECIMAL a DECIMAL (CEIL and FLOOR at scale 0). ROUND and TRUNC may
   * take a number of decimal places, an INTEGER. Where the call cannot change an integer it is the
   * argument itself.
   */
  private Expr rounding(Op op, RexCall c) {
    List<Expr> a = args(c);
    String name = c.getOperator().getName().toUpperCase(Locale.ROOT);
    int arity = op == Op.ROUND || op == Op.TRUNC ? 2 : 1;
    if (a.isEmpty() || a.size() > arity) throw unsupportedFunction(name + " with " + a.size() + " arguments");
    SqlType t = typeOf(c);
    Expr x = a.get(0);
    if (!x.type().isNumeric() || !t.isNumeric()) throw new FlernException(name + " needs a number, got " + x.type());
    x = t.kind() == Kind.DECIMAL ? (x.type().kind() == Kind.DECIMAL ? x : Fold.cast(x, asDecimal(x.type(), t))) : Fold.cast(x, t);
    Expr digits = a.size() == 2 ? Fold.cast(a.get(1), SqlType.INTEGER) : null;
    boolean integer = t.kind() == Kind.INTEGER || t.kind() == Kind.BIGINT;
    boolean noDigitsDropped = digits == null || (digits instanceof Literal l && l.value() instanceof Integer n && n >= 0);
    if (integer && op != Op.SIGN && noDigitsDropped) return x;
    List<Expr> operands = digits == null ? List.of(x) : List.of(x, digits);
    return new Call(op, operands, t, nullable(c));
  }

  /** Functions of DOUBLE arguments with a DOUBLE value; other numbers are converted. */
  private Expr doubleFn(Op op, RexCall c) {
    String name = c.getOperator().getName().toUpperCase(Locale.ROOT);
    int arity = op == Op.LOG || op == Op.POWER ? 2 : 1;
    if (c.getOperands().size() != arity) throw unsupportedFunction(name + " with " + c.getOperands().size() + " arguments");
    List<Expr> a = new ArrayList<>();
    for (Expr e : args(c)) {
      if (!e.type().isNumeric()) throw new FlernException(name + " needs a number, got " + e.type());
      a.add(Fold.cast(e, SqlType.DOUBLE));
    }
    return new Call(op, a, SqlType.DOUBLE, nullable(c));
  }

  /**
   * {@code CAST(x AS FLOAT[n])} and {@code ARRAY[a, b, ...]} (which {@link ParseTreeRewrites} wraps
   * in the same call, as Calcite's array type has no length): text casts fold, elements become
   * DOUBLEs rounded to float, a FLOAT[n] stays itself.
   */
  private Expr toFloatArray(RexCall c) {
    SqlType t = typeOf(c);
    RexNode in = c.getOperands().get(0);
    if (in instanceof RexCall a && a.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
      if (a.getOperands().size() != t.length())
        throw new FlernException("cannot cast an array of " + a.getOperands().size() + " elements to " + t);
      List<Expr> elems = new ArrayList<>();
      boolean constant = true;
      for (RexNode n : a.getOperands()) {
        Expr e = convert(n);
        if (!e.type().isNumeric()) throw new FlernException("FLOAT[n] elements must be numbers, got " + e.type());
        e = Fold.cast(e, SqlType.DOUBLE);
        constant &= e instanceof Literal l && l.value() != null;
        elems.add(e);
      }
      if (constant) {
        float[] v = new float[elems.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (double) (Double) ((Literal) elems.get(i)).value();
        return new Literal(v, t);
      }
      boolean nullable = elems.stream().anyMatch(Expr::nullable);
      return new Call(Op.MAKE_FLOAT_ARRAY, elems, t, nullable);
    }
    Expr e = convert(in);
    if (e.type().equals(t)) return e;
    if (e.type().kind() == Kind.VARCHAR || (e instanceof Literal l && l.value() == null)) return Fold.cast(e, t);
    throw new FlernException("cannot cast " + e.type() + " to " + t);
  }

  /** {@code v[k]} on a FLOAT[n]: 1-based, NULL outside 1..n (as PostgreSQL). */
  private Expr element(RexCall c) {
    Expr v = convert(c.getOperands().get(0));
    if (v.type().kind() != Kind.FLOAT_ARRAY) throw new FlernException("cannot subscript a value of type " + v.type());
    Expr k = convert(c.getOperands().get(1));
    if (!(k.type().kind() == Kind.INTEGER || k.type().kind() == Kind.BIGINT))
      throw new FlernException("array subscript must be an integer, got " + k.type());
    return new Call(Op.ELEMENT, List.of(v, Fold.cast(k, SqlType.BIGINT)), SqlType.DOUBLE, true);
  }

  private static FlernException unsupportedFunction(String name) {
    return new FlernException("function " + name + " is not supported yet");
  }

  private static FlernException unsupportedTrim() {
    return new FlernException("not supported yet: TRIM of characters other than spaces");
  }

  private static FlernException unsupportedInterval() {
    return new FlernException("not supported yet: INTERVAL values (only constant DATE ± INTERVAL is)");
  }

  private Expr unary(Op op, RexCall c) {
    return new Call(op, args(c), typeOf(c), nullable(c));
  }

  /** String functions take VARCHAR arguments; anything else is cast to text first. */
  private Expr stringFn(Op op, RexCall c) {
    List<Expr> a = new ArrayList<>();
    for (Expr e : args(c)) a.add(Fold.cast(e, SqlType.VARCHAR));
    return new Call(op, a, typeOf(c), nullable(c));
  }

  /** AND/OR become left-deep binary trees: every {@link Op} call has a fixed arity. */
  private Expr logic(Op op, RexCall c) {
    List<Expr> a = args(c);
    Expr acc = a.get(0);
    for (int i = 1; i < a.size(); i++) {
      boolean last = i == a.size() - 1;
      boolean nullable = last ? nullable(c) : acc.nullable() || a.get(i).nullable();
      acc = new Call(op, List.of(acc, a.get(i)), SqlType.BOOLEAN, nullable);
    }
    return acc;
  }

  private Expr like(RexCall c, boolean negatedByNot) {
    boolean negated = negatedByNot;
    boolean caseSensitive = true;
    if (c.getOperator() instanceof SqlLikeOperator op) {
      negated ^= op.isNegated();
      caseSensitive = op.isCaseSensitive();
    }
    List<Expr> a = args(c);
    if (a.size() == 3) {
      // The runtime's LIKE uses backslash as its escape character; that one is fine.
      if (!(a.get(2) instanceof Literal l && "\\".equals(l.value())))
        throw new FlernException("not supported yet: LIKE ... ESCAPE with a character other than '\\'");
    }
    Expr s = Fold.cast(a.get(0), SqlType.VARCHAR);
    Expr p = Fold.cast(a.get(1), SqlType.VARCHAR);
    if (!caseSensitive) {
      // ILIKE: compare lower-cased text.
      s = new Call(Op.LOWER, List.of(s), SqlType.VARCHAR, s.nullable());
      p = new Call(Op.LOWER, List.of(p), SqlType.VARCHAR, p.nullable());
    }
    return new Call(negated ? Op.NOT_LIKE : Op.LIKE, List.of(s, p), SqlType.BOOLEAN, nullable(c));
  }

  private Expr arithmetic(Op op, RexCall c) {
    SqlType result = typeOf(c);
    List<Expr> a = new ArrayList<>();
    for (Expr e : args(c)) {
      if (result.kind() == Kind.DECIMAL) {
        // DECIMAL arithmetic keeps each operand's own precision and scale; integers become the
        // DECIMAL that holds all their values, as SQL's rules for the result type assume.
        a.add(e.type().kind() == Kind.DECIMAL ? e : Fold.cast(e, asDecimal(e.type(), result)));
      } else {
        a.add(Fold.cast(e, result));
      }
    }
    return new Call(op, a, result, nullable(c));
  }

  private static SqlType asDecimal(SqlType t, SqlType fallback) {
    return switch (t.kind()) {
      case INTEGER -> SqlType.decimal(10, 0);
      case BIGINT -> SqlType.decimal(19, 0);
      case DECIMAL -> t;
      default -> fallback;
    };
  }

  private Expr comparison(Op op, RexCall c) {
    Expr l = convert(c.getOperands().get(0));
    Expr r = convert(c.getOperands().get(1));
    for (Expr e : List.of(l, r))
      if (e.type().kind() == Kind.FLOAT_ARRAY)
        throw new FlernException("cannot compare " + e.type() + " values (fixed-size float arrays are not comparable)");
    SqlType common = commonType(l.type(), r.type());
    return new Call(op, List.of(Fold.cast(l, common), Fold.cast(r, common)), SqlType.BOOLEAN, nullable(c));
  }

  /** The type both sides of a comparison are cast to (PostgreSQL's choices for mixed operands). */
  static SqlType commonType(SqlType a, SqlType b) {
    if (a.equals(b)) return a;
    if (a.isNumeric() && b.isNumeric()) {
      if (a.kind() == Kind.DOUBLE || b.kind() == Kind.DOUBLE) return SqlType.DOUBLE;
      if (a.kind() == Kind.DECIMAL || b.kind() == Kind.DECIMAL) {
        SqlType x = asDecimal(a, a);
        SqlType y = asDecimal(b, b);
        int scale = Math.max(x.scale(), y.scale());
        int digits = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
        int precision = Math.min(SqlType.MAX_DECIMAL_PRECISION, digits + scale);
        return SqlType.decimal(precision, Math.min(scale, precision));
      }
      return SqlType.BIGINT;
    }
    // Text meets a typed value: the text is read as that type (like PostgreSQL's unknown literals).
    if (a.kind() == Kind.VARCHAR) return b;
    if (b.kind() == Kind.VARCHAR) return a;
    throw new FlernException("cannot compare " + a + " with " + b);
  }

  private Expr caseWhen(RexCall c) {
    SqlType t = typeOf(c);
    List<RexNode> ops = c.getOperands();
    List<Expr> whens = new ArrayList<>();
    List<Expr> thens = new ArrayList<>();
    for (int i = 0; i + 1 < ops.size(); i += 2) {
      whens.add(convert(ops.get(i)));
      thens.add(Fold.cast(convert(ops.get(i + 1)), t));
    }
    Expr otherwise = ops.size() % 2 == 1 ? Fold.cast(convert(ops.get(ops.size() - 1)), t) : new Literal(null, t);
    return new Case(whens, thens, otherwise, t, nullable(c));
  }

  private Expr coalesce(RexCall c) {
    SqlType t = typeOf(c);
    List<Expr> a = args(c);
    List<Expr> whens = new ArrayList<>();
    List<Expr> thens = new ArrayList<>();
    for (int i = 0; i + 1 < a.size(); i++) {
      whens.add(new Call(Op.IS_NOT_NULL, List.of(a.get(i)), SqlType.BOOLEAN, false));
      thens.add(Fold.cast(a.get(i), t));
    }
    return new Case(whens, thens, Fold.cast(a.get(a.size() - 1), t), t, nullable(c));
  }

  private Expr nullIf(RexCall c) {
    SqlType t = typeOf(c);
    Expr x = convert(c.getOperands().get(0));
    Expr y = convert(c.getOperands().get(1));
    SqlType common = commonType(x.type(), y.type());
    Expr eq = new Call(Op.EQ, List.of(Fold.cast(x, common), Fold.cast(y, common)), SqlType.BOOLEAN,
        x.nullable() || y.nullable());
    return new Case(List.of(eq), List.of(new Literal(null, t)), Fold.cast(x, t), t, true);
  }

  private Expr extract(RexCall c) {
    RexNode unit = c.getOperands().get(0);
    TimeUnitRange range = unit instanceof RexLiteral l ? l.getValueAs(TimeUnitRange.class) : null;
    Op op = range == null ? null : switch (range) {
      case YEAR -> Op.EXTRACT_YEAR;
      case MONTH -> Op.EXTRACT_MONTH;
      case DAY -> Op.EXTRACT_DAY;
      default -> null;
    };
    if (op == null) throw new FlernException("not supported yet: EXTRACT(" + range + " FROM ...)");
    Expr d = convert(c.getOperands().get(1));
    if (d.type().kind() != Kind.DATE) {
      if (d.type().kind() != Kind.VARCHAR) throw new FlernException("EXTRACT needs a DATE, got " + d.type());
      d = Fold.cast(d, SqlType.DATE);
    }
    return new Call(op, List.of(d), typeOf(c), nullable(c));
  }

  private Expr trim(RexCall c) {
    // TRIM(flag, characters, string)
    SqlTrimFunction.Flag flag = ((RexLiteral) c.getOperands().get(0)).getValueAs(SqlTrimFunction.Flag.class);
    Expr chars = convert(c.getOperands().get(1));
    if (!(chars instanceof Literal l && " ".equals(l.value()))) throw unsupportedTrim();
    Op op = switch (flag) {
      case BOTH -> Op.TRIM_BOTH;
      case LEADING -> Op.TRIM_LEADING;
      case TRAILING -> Op.TRIM_TRAILING;
    };
    Expr s = Fold.cast(convert(c.getOperands().get(2)), SqlType.VARCHAR);
    return new Call(op, List.of(s), typeOf(c), nullable(c));
  }

  private static boolean isDate(RelDataType t) {
    return t.getSqlTypeName() == SqlTypeName.DATE;
  }

  private static boolean isInterval(RelDataType t) {
    return t.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME
        || t.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
  }

  private static boolean hasInterval(RexCall c) {
    return c.getOperands().stream().anyMatch(o -> isInterval(o.getType())) || isInterval(c.getType());
  }

  /**
   * DATE ± INTERVAL: folded here when both are constants (TPC-H writes
   * {@code DATE '1998-12-01' - INTERVAL '90' DAY}); Flern has no interval values at run time yet.
   */
  private Expr dateArithmetic(RexCall c) {
    if (!isDate(c.getType())) throw unsupportedInterval();
    RexNode date = null;
    RexNode interval = null;
    for (RexNode o : c.getOperands()) {
      if (isInterval(o.getType())) interval = o;
      else date = o;
    }
    if (date == null || interval == null) throw unsupportedInterval();
    Expr d = convert(date);
    if (!(d instanceof Literal dl) || !(interval instanceof RexLiteral il) || dl.value() == null || il.isNull())
      throw new FlernException("not supported yet: DATE ± INTERVAL where either is not a constant");
    long amount = il.getValueAs(BigDecimal.class).longValueExact();
    if (c.getKind() == SqlKind.MINUS) amount = -amount;
    LocalDate base = LocalDate.ofEpochDay((Integer) dl.value());
    LocalDate result = switch (il.getType().getSqlTypeName().getFamily()) {
      case INTERVAL_YEAR_MONTH -> base.plusMonths(amount);
      default -> {
        // Day-time intervals are milliseconds; only whole days keep a DATE a DATE.
        if (amount % 86_400_000L != 0)
          throw new FlernException("not supported yet: adding an interval of hours, minutes or seconds to a DATE");
        yield base.plusDays(amount / 86_400_000L);
      }
    };
    return new Literal((int) result.toEpochDay(), SqlType.DATE);
  }
}
