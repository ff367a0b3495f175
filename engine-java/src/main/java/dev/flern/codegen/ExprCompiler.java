package dev.flern.codegen;

import static dev.flern.codegen.PhysicalTypes.prim;
import static dev.flern.codegen.PhysicalTypes.zero;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import dev.flern.stage.Ir;
import dev.flern.stage.Stager;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RefType;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stages scalar SQL expressions: SQL semantics (three-valued logic, PostgreSQL's arithmetic, casts)
 * are decided here in Java, and only the operations left for run time are emitted. Operations that
 * can raise an error (division, checked arithmetic, casts from text) run only when their inputs are
 * not NULL, and AND/OR/CASE evaluate such operations only when SQL would need their value.
 */
public final class ExprCompiler {
  static final RuntimeType ARENA = RuntimeType.of("flern::Arena");

  private final Stager s;
  private final QueryParams params;
  private final IrExpr ctx;

  public ExprCompiler(Stager s, QueryParams params, IrExpr ctx) {
    this.s = s;
    this.params = params;
    this.ctx = ctx;
  }

  public SVal compile(Expr e, Rows row) {
    return switch (e) {
      case ColumnRef c -> row.get(c.index());
      case Literal l -> literal(l);
      case Cast c -> cast(compile(c.input(), row), c.type(), row.worker());
      case Case c -> caseExpr(c, row);
      case Call c -> call(c, row);
    };
  }

  /** TRUE (not FALSE, not NULL) — what WHERE, HAVING, CASE WHEN and join conditions test. */
  public IrExpr isTrue(SVal v) {
    return s.let("pass", Ir.and(Ir.not(v.isNull()), v.value()));
  }

  public SVal literal(Literal l) {
    if (l.value() == null) return new SVal(zero(l.type()), Ir.TRUE, l.type());
    Prim p = prim(l.type());
    params.add(p, l.type(), l.value());
    return SVal.notNull(s.param(p), l.type());
  }

  private IrExpr arena(IrExpr worker) {
    return Ir.method(ctx, RtFn.ARENA, new RefType(ARENA), worker);
  }

  /** Binds {@code e}, evaluating it only when {@code isNull} is false; a NULL yields the zero value. */
  private IrExpr guarded(String prefix, IrExpr e, IrExpr isNull) {
    if (Ir.isFalse(isNull)) return s.let(prefix, e);
    Var v = s.mutable(prefix, e.type(), Optional.of(zero((Prim) e.type())));
    s.ifThen(Ir.not(isNull), () -> s.assign(v, e));
    return v;
  }

  private static IrExpr anyNull(List<SVal> args) {
    IrExpr n = Ir.FALSE;
    for (SVal a : args) n = Ir.or(n, a.isNull());
    return n;
  }

  // ---------------------------------------------------------------- calls

  /**
   * {@code ARRAY[x1, ..., xn][k]} with a constant k (an inlined model's output read by element):
   * element k rounded to float, as the array holds it, without building the array. It is NULL when
   * any element is, as the array would be; the other elements' values are dropped as dead code.
   */
  private SVal elementOfArray(Call mk, long k, Rows row) {
    List<SVal> xs = new ArrayList<>();
    for (Expr arg : mk.args()) xs.add(compile(arg, row));
    IrExpr isNull = s.let("isnull", anyNull(xs));
    if (k < 1 || k > xs.size()) return new SVal(Ir.f64(0), Ir.TRUE, SqlType.DOUBLE);
    IrExpr v = Ir.convert(Ir.convert(xs.get((int) k - 1).value(), dev.flern.stage.ir.RuntimeType.of("float")), Prim.F64);
    return new SVal(guarded("elem", v, isNull), isNull, SqlType.DOUBLE);
  }

  private SVal call(Call c, Rows row) {
    Op op = c.op();
    if (op == Op.AND || op == Op.OR) return logical(c, row);
    if ((op == Op.LIKE || op == Op.NOT_LIKE) && c.args().get(1) instanceof Literal p && p.value() instanceof String pattern) {
      Optional<SVal> simple = simpleLike(op, compile(c.args().get(0), row), pattern);
      if (simple.isPresent()) return simple.get();
    }
    // A strict operator with a NULL constant operand is NULL, as PostgreSQL folds it at plan time;
    // the other operands are not evaluated, so they cannot raise (NULL + CAST(x AS DECIMAL(3,0))).
    if (ExprFacts.isNullConstant(c)) return new SVal(zero(c.type()), Ir.TRUE, c.type());
    if (op == Op.ELEMENT && c.args().get(0) instanceof Call mk && mk.op() == Op.MAKE_FLOAT_ARRAY
        && c.args().get(1) instanceof Literal lit && lit.value() instanceof Number kn) return elementOfArray(mk, kn.longValue(), row);
    List<SVal> a = new ArrayList<>();
    for (Expr arg : c.args()) a.add(compile(arg, row));
    IrExpr nullIn = s.let("isnull", anyNull(a));
    SqlType rt = c.type();
    return switch (op) {
      case PLUS, MINUS, TIMES, DIVIDE, MOD -> arithmetic(op, a.get(0), a.get(1), rt, nullIn);
      case NEGATE -> new SVal(guarded("neg", negate(a.get(0)), nullIn), nullIn, rt);
      case ABS -> new SVal(guarded("abs", Ir.call(RtFn.ABS, prim(a.get(0).type()), a.get(0).value()), nullIn),
          nullIn, a.get(0).type());
      case EQ, NE, LT, LE, GT, GE -> new SVal(s.let("cmp", compare(op, a.get(0), a.get(1))), nullIn, SqlType.BOOLEAN);
      case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> {
        SVal x = a.get(0), y = a.get(1);
        IrExpr differ = Ir.or(Ir.cmp(BinOp.NE, x.isNull(), y.isNull()),
            Ir.and(Ir.and(Ir.not(x.isNull()), Ir.not(y.isNull())), Ir.not(compare(Op.EQ, x, y))));
        yield SVal.notNull(s.let("distinct", op == Op.IS_DISTINCT_FROM ? differ : Ir.not(differ)), SqlType.BOOLEAN);
      }
      case NOT -> new SVal(s.let("not", Ir.not(a.get(0).value())), a.get(0).isNull(), SqlType.BOOLEAN);
      case IS_NULL -> SVal.notNull(a.get(0).isNull(), SqlType.BOOLEAN);
      case ELEMENT -> {
        IrExpr k = Ir.convert(a.get(1).value(), Prim.I64);
        IrExpr outside = s.let("noelem", Ir.or(nullIn, Ir.or(Ir.cmp(BinOp.LT, k, Ir.i64(1)),
            Ir.cmp(BinOp.GT, k, Ir.i64(a.get(0).type().length())))));
        yield new SVal(guarded("elem", Ir.call(RtFn.F32S_GET, Prim.F64, a.get(0).value(), k), outside), outside, rt);
      }
      case MAKE_FLOAT_ARRAY -> {
        List<IrExpr> parts = new ArrayList<>();
        parts.add(arena(row.worker()));
        for (SVal x : a) parts.add(x.value());
        IrExpr make = Ir.call(RtFn.F32S_MAKE, Prim.F32S, parts.toArray(IrExpr[]::new));
        yield new SVal(guarded("arr", make, nullIn), nullIn, rt);
      }
      case IS_NOT_NULL -> SVal.notNull(s.let("notnull", Ir.not(a.get(0).isNull())), SqlType.BOOLEAN);
      case IS_TRUE -> SVal.notNull(isTrue(a.get(0)), SqlType.BOOLEAN);
      case IS_NOT_TRUE -> SVal.notNull(s.let("nottrue", Ir.not(isTrue(a.get(0)))), SqlType.BOOLEAN);
      case IS_FALSE -> SVal.notNull(isFalse(a.get(0)), SqlType.BOOLEAN);
      case IS_NOT_FALSE -> SVal.notNull(s.let("notfalse", Ir.not(isFalse(a.get(0)))), SqlType.BOOLEAN);
      case LIKE, NOT_LIKE -> {
        IrExpr m = Ir.call(RtFn.LIKE, Prim.BOOL, a.get(0).value(), a.get(1).value());
        yield new SVal(s.let("like", op == Op.LIKE ? m : Ir.not(m)), nullIn, SqlType.BOOLEAN);
      }
      case CONCAT -> new SVal(s.let("concat",
          Ir.call(RtFn.CONCAT, Prim.STR, arena(row.worker()), text(a.get(0), row), text(a.get(1), row))), nullIn, rt);
      case CHAR_LENGTH -> new SVal(s.let("len",
          Ir.convert(Ir.call(RtFn.CHAR_LENGTH, Prim.I64, a.get(0).value()), prim(rt))), nullIn, rt);
      case UPPER -> new SVal(s.let("upper", Ir.call(RtFn.UPPER, Prim.STR, arena(row.worker()), a.get(0).value())), nullIn, rt);
      case LOWER -> new SVal(s.let("lower", Ir.call(RtFn.LOWER, Prim.STR, arena(row.worker()), a.get(0).value())), nullIn, rt);
      case SUBSTRING -> {
        IrExpr start = Ir.convert(asInteger(a.get(1)), Prim.I64);
        IrExpr sub = a.size() == 2
            ? Ir.call(RtFn.SUBSTRING, Prim.STR, a.get(0).value(), start)
            : Ir.call(RtFn.SUBSTRING, Prim.STR, a.get(0).value(), start, Ir.convert(asInteger(a.get(2)), Prim.I64));
        yield new SVal(guarded("substr", sub, nullIn), nullIn, rt);
      }
      case TRIM_BOTH -> new SVal(s.let("trim", Ir.call(RtFn.TRIM, Prim.STR, a.get(0).value())), nullIn, rt);
      case TRIM_LEADING -> new SVal(s.let("ltrim", Ir.call(RtFn.LTRIM, Prim.STR, a.get(0).value())), nullIn, rt);
      case TRIM_TRAILING -> new SVal(s.let("rtrim", Ir.call(RtFn.RTRIM, Prim.STR, a.get(0).value())), nullIn, rt);
      case EXTRACT_YEAR -> datePart(RtFn.DATE_YEAR, a.get(0), rt, nullIn);
      case EXTRACT_MONTH -> datePart(RtFn.DATE_MONTH, a.get(0), rt, nullIn);
      case EXTRACT_DAY -> datePart(RtFn.DATE_DAY, a.get(0), rt, nullIn);
      case CEIL, FLOOR, ROUND, TRUNC -> rounding(op, a, rt, nullIn);
      case SIGN -> sign(a.get(0), rt, nullIn);
      case SQRT -> floatFn("sqrt", RtFn.SQRT, a, true, nullIn);
      case CBRT -> floatFn("cbrt", RtFn.CBRT, a, false, nullIn);
      case EXP -> floatFn("exp", RtFn.EXP, a, true, nullIn);
      case LN -> floatFn("ln", RtFn.LN, a, true, nullIn);
      case LOG10 -> floatFn("log10", RtFn.LOG10, a, true, nullIn);
      case LOG -> floatFn("log", RtFn.LOG, a, true, nullIn);
      case POWER -> floatFn("pow", RtFn.POW, a, true, nullIn);
      case SIGMOID -> new SVal(guarded("sigmoid", Ir.call(RtFn.SIGMOID, Prim.F64, a.get(0).value()), nullIn), nullIn, rt);
      case AND, OR -> throw new IllegalStateException("handled above");
    };
  }

  // ---------------------------------------------------------------- numeric functions

  /** A DOUBLE function of DOUBLE arguments; one that may raise runs only on non-NULL inputs. */
  private SVal floatFn(String prefix, RtFn fn, List<SVal> args, boolean raises, IrExpr nullIn) {
    IrExpr[] xs = new IrExpr[args.size()];
    for (int i = 0; i < xs.length; i++) xs[i] = toDouble(args.get(i));
    IrExpr e = Ir.call(fn, Prim.F64, xs);
    return new SVal(raises ? guarded(prefix, e, nullIn) : s.let(prefix, e), nullIn, SqlType.DOUBLE);
  }

  /**
   * CEIL, FLOOR, ROUND and TRUNC, with an optional number of decimal places (an INTEGER, possibly
   * negative). DOUBLEs: C's functions, so ROUND(x) is rint (half to even, PostgreSQL's float8
   * round); with places, half away from zero (see round_digits_f64). DECIMALs and integers: exact,
   * on the scaled integer, half away from zero like PostgreSQL's numeric; the result is checked
   * against its type.
   */
  private SVal rounding(Op op, List<SVal> a, SqlType rt, IrExpr nullIn) {
    SVal x = a.get(0);
    IrExpr places = a.size() > 1 ? Ir.convert(a.get(1).value(), Prim.I32) : Ir.i32(0);
    String prefix = op.name().toLowerCase(java.util.Locale.ROOT);
    switch (rt.kind()) {
      case DOUBLE -> {
        IrExpr v = toDouble(x);
        IrExpr e = a.size() > 1 && op != Op.CEIL && op != Op.FLOOR
            ? Ir.call(RtFn.ROUND_DIGITS_F64, Prim.F64, v, places, Ir.bool(op == Op.TRUNC))
            : Ir.call(switch (op) {
                case CEIL -> RtFn.CEIL_F64;
                case FLOOR -> RtFn.FLOOR_F64;
                case TRUNC -> RtFn.TRUNC_F64;
                default -> RtFn.ROUND_F64;
              }, Prim.F64, v);
        return new SVal(s.let(prefix, e), nullIn, rt);
      }
      case INTEGER, BIGINT -> {
        if (!isExact(x.type()) || x.type().kind() == Kind.DECIMAL)
          throw new FlernException("internal error: " + op + " of " + x.type() + " as " + rt);
        if (a.size() == 1 || op == Op.CEIL || op == Op.FLOOR) return coerceInteger(x, rt);
        IrExpr r = Ir.call(op == Op.ROUND ? RtFn.DEC_ROUND : RtFn.DEC_TRUNC, Prim.I128, wide(x), Ir.i32(0), places);
        IrExpr n = Ir.call(RtFn.I128_TO_I64, Prim.I64, r);
        if (rt.kind() == Kind.INTEGER) n = Ir.call(RtFn.I64_TO_I32, Prim.I32, n);
        return new SVal(guarded(prefix, n, nullIn), nullIn, rt);
      }
      case DECIMAL -> {
        if (!isExact(x.type())) throw new FlernException("internal error: " + op + " of " + x.type() + " as " + rt);
        int sx = scaleOf(x.type());
        // Rounded at x's scale, the value is then rescaled to the result's: exact, as Calcite's
        // result scale is x's (ROUND, TRUNC) or 0 after CEIL and FLOOR, which round to integers.
        if (a.size() > 1 && rt.scale() < sx)
          throw new FlernException("internal error: " + op + " of " + x.type() + " to " + rt);
        IrExpr w = wide(x);
        IrExpr e = switch (op) {
          case CEIL -> finishDecimal(Ir.call(RtFn.DEC_CEIL, Prim.I128, w, Ir.i32(sx)), 0, rt);
          case FLOOR -> finishDecimal(Ir.call(RtFn.DEC_FLOOR, Prim.I128, w, Ir.i32(sx)), 0, rt);
          case TRUNC -> finishDecimal(Ir.call(RtFn.DEC_TRUNC, Prim.I128, w, Ir.i32(sx), places), sx, rt);
          default -> finishDecimal(Ir.call(RtFn.DEC_ROUND, Prim.I128, w, Ir.i32(sx), places), sx, rt);
        };
        return new SVal(guarded(prefix, e, nullIn), nullIn, rt);
      }
      default -> throw new FlernException(op + " is not defined for " + rt);
    }
  }

  /** An integer of one integer type as another (the front end normally makes them equal). */
  private SVal coerceInteger(SVal x, SqlType rt) {
    if (x.type().equals(rt)) return x;
    if (rt.kind() == Kind.BIGINT) return new SVal(s.let("cast", Ir.convert(x.value(), Prim.I64)), x.isNull(), rt);
    return new SVal(guarded("cast", Ir.call(RtFn.I64_TO_I32, Prim.I32, Ir.convert(x.value(), Prim.I64)), x.isNull()), x.isNull(), rt);
  }

  /** SIGN: -1, 0 or 1 in x's type (a DOUBLE's NaN gives 0; a DECIMAL's sign is checked against its type). */
  private SVal sign(SVal x, SqlType rt, IrExpr nullIn) {
    return switch (rt.kind()) {
      case DOUBLE -> new SVal(s.let("sign", Ir.call(RtFn.SIGN, Prim.F64, toDouble(x))), nullIn, rt);
      case INTEGER, BIGINT -> {
        Prim p = prim(rt);
        yield new SVal(s.let("sign", Ir.call(RtFn.SIGN, p, Ir.convert(asInteger(x), p))), nullIn, rt);
      }
      case DECIMAL -> new SVal(guarded("sign", finishDecimal(Ir.call(RtFn.SIGN, Prim.I128, wide(x)), 0, rt), nullIn), nullIn, rt);
      default -> throw new FlernException("SIGN is not defined for " + rt);
    };
  }

  /**
   * LIKE with a literal pattern whose only wildcards are a leading and/or trailing '%' needs no
   * pattern matcher: staging picks equality, a prefix, a suffix or a substring test by the pattern's
   * kind, and the text between the '%'s becomes the parameter. 'a%' and 'b%' so share a program.
   */
  private Optional<SVal> simpleLike(Op op, SVal text, String pattern) {
    if (pattern.indexOf('_') >= 0 || pattern.indexOf('\\') >= 0) return Optional.empty();
    boolean lead = pattern.startsWith("%"), trail = pattern.length() > (lead ? 1 : 0) && pattern.endsWith("%");
    String core = pattern.substring(lead ? 1 : 0, pattern.length() - (trail ? 1 : 0));
    if (core.indexOf('%') >= 0) return Optional.empty();
    IrExpr needle = literal(new Literal(core, SqlType.VARCHAR)).value();
    IrExpr m = lead && (trail || core.isEmpty()) ? Ir.call(RtFn.STR_CONTAINS, Prim.BOOL, text.value(), needle)
        : lead ? Ir.call(RtFn.STR_ENDS_WITH, Prim.BOOL, text.value(), needle)
        : trail ? Ir.call(RtFn.STR_STARTS_WITH, Prim.BOOL, text.value(), needle)
        : Ir.call(RtFn.STR_EQ, Prim.BOOL, text.value(), needle);
    return Optional.of(new SVal(s.let("like", op == Op.LIKE ? m : Ir.not(m)), text.isNull(), SqlType.BOOLEAN));
  }

  private SVal datePart(RtFn fn, SVal d, SqlType rt, IrExpr nullIn) {
    return new SVal(s.let("datepart", Ir.convert(Ir.call(fn, Prim.I32, d.value()), prim(rt))), nullIn, rt);
  }

  private IrExpr asInteger(SVal v) {
    return v.type().kind() == Kind.DECIMAL ? Ir.call(RtFn.DEC_TO_I64, Prim.I64, wide(v), Ir.i32(v.type().scale())) : v.value();
  }

  private IrExpr text(SVal v, Rows row) {
    return v.type().kind() == Kind.VARCHAR ? v.value() : cast(v, SqlType.VARCHAR, row.worker()).value();
  }

  private IrExpr isFalse(SVal v) {
    return s.let("isfalse", Ir.and(Ir.not(v.isNull()), Ir.not(v.value())));
  }

  /**
   * AND / OR over any number of operands, three-valued, short-circuiting around risky operands.
   * Literal lists in the chain ({@code x IN (...)}, {@code x NOT IN (...)}) become one membership
   * test each (see {@link InLists}).
   */
  private SVal logical(Call c, Rows row) {
    boolean and = c.op() == Op.AND;
    List<InLists.Item> operands = InLists.group(operands(c), and);
    SVal acc = item(operands.get(0), row, and);
    for (int i = 1; i < operands.size(); i++) {
      InLists.Item next = operands.get(i);
      if (!mayRaise(next)) {
        acc = combine(and, acc, item(next, row, and));
        continue;
      }
      // The next operand could raise (e.g. x <> 0 AND 10 / x > 1): evaluate it only when the
      // result is not already decided.
      SVal left = acc;
      IrExpr decided = and ? isFalse(left) : isTrue(left);
      Var v = s.mutable(and ? "and" : "or", Prim.BOOL, Optional.of(Ir.bool(!and)));
      Var n = s.mutable(and ? "and_null" : "or_null", Prim.BOOL, Optional.of(Ir.FALSE));
      s.ifThen(Ir.not(decided), () -> {
        SVal r = combine(and, left, item(next, row, and));
        s.assign(v, r.value());
        s.assign(n, r.isNull());
      });
      acc = new SVal(v, n, SqlType.BOOLEAN);
    }
    return acc;
  }

  private static boolean mayRaise(InLists.Item item) {
    return switch (item) {
      case InLists.Plain p -> ExprFacts.mayRaise(p.expr());
      case InLists.Group g -> ExprFacts.mayRaise(g.probe());
    };
  }

  /** An operand of an AND (a list there is NOT IN) or OR chain (IN). */
  private SVal item(InLists.Item item, Rows row, boolean and) {
    return switch (item) {
      case InLists.Plain p -> compile(p.expr(), row);
      case InLists.Group g -> inList(g, row, and);
    };
  }

  /**
   * {@code probe IN (list)} (or NOT IN when {@code negated}): one runtime membership test against a
   * list parameter. Three-valued: a NULL probe gives NULL, and so does a miss when the list held a
   * NULL (whether it did is part of the parameter's value, so it shares the compiled program).
   */
  private SVal inList(InLists.Group g, Rows row, boolean negated) {
    SVal probe = compile(g.probe(), row);
    SqlType t = probe.type();
    Prim p = prim(t);
    params.add(IrExpr.inListType(p), t, new QueryParams.ListValue(p, InLists.sortedValues(g.literals(), t), g.hasNull()));
    IrExpr list = s.param(IrExpr.inListType(p));
    IrExpr found = s.let("in", Ir.call(RtFn.IN_LIST, Prim.BOOL, list, probe.value()));
    IrExpr miss = Ir.and(Ir.not(found), Ir.member(list, "has_null", Prim.BOOL));
    IrExpr value = negated ? s.let("not_in", Ir.not(found)) : found;
    return new SVal(value, s.let("in_null", Ir.or(probe.isNull(), miss)), SqlType.BOOLEAN);
  }

  /**
   * The operands of a chain of one operator, in order. Chains arrive left-deep (a 3000-item IN list
   * is 3000 levels), so they are walked in a loop, not by recursion.
   */
  private static List<Expr> operands(Call c) {
    java.util.ArrayDeque<Expr> rest = new java.util.ArrayDeque<>();
    Expr e = c;
    while (e instanceof Call k && k.op() == c.op()) {
      for (int i = k.args().size() - 1; i >= 1; i--) rest.push(k.args().get(i));
      e = k.args().get(0);
    }
    List<Expr> out = new ArrayList<>();
    out.add(e);
    out.addAll(rest);
    return out;
  }

  private SVal combine(boolean and, SVal a, SVal b) {
    if (and) {
      IrExpr falseA = Ir.and(Ir.not(a.isNull()), Ir.not(a.value()));
      IrExpr falseB = Ir.and(Ir.not(b.isNull()), Ir.not(b.value()));
      IrExpr value = Ir.and(Ir.and(Ir.not(a.isNull()), a.value()), Ir.and(Ir.not(b.isNull()), b.value()));
      IrExpr isNull = Ir.and(Ir.and(Ir.not(falseA), Ir.not(falseB)), Ir.or(a.isNull(), b.isNull()));
      return new SVal(s.let("and", value), s.let("and_null", isNull), SqlType.BOOLEAN);
    }
    IrExpr trueA = Ir.and(Ir.not(a.isNull()), a.value());
    IrExpr trueB = Ir.and(Ir.not(b.isNull()), b.value());
    IrExpr isNull = Ir.and(Ir.and(Ir.not(trueA), Ir.not(trueB)), Ir.or(a.isNull(), b.isNull()));
    return new SVal(s.let("or", Ir.or(trueA, trueB)), s.let("or_null", isNull), SqlType.BOOLEAN);
  }

  private SVal caseExpr(Case c, Rows row) {
    Prim p = prim(c.type());
    Var v = s.mutable("case", p, Optional.of(zero(p)));
    Var n = s.mutable("case_null", Prim.BOOL, Optional.of(Ir.TRUE));
    branch(c, 0, row, v, n);
    return new SVal(v, c.nullable() ? n : Ir.FALSE, c.type());
  }

  private void branch(Case c, int i, Rows row, Var v, Var n) {
    if (i == c.whens().size()) {
      SVal o = coerce(compile(c.otherwise(), row), c.type(), row.worker());
      s.assign(v, o.value());
      s.assign(n, o.isNull());
      return;
    }
    SVal when = compile(c.whens().get(i), row);
    s.ifThenElse(isTrue(when), () -> {
      SVal t = coerce(compile(c.thens().get(i), row), c.type(), row.worker());
      s.assign(v, t.value());
      s.assign(n, t.isNull());
    }, () -> branch(c, i + 1, row, v, n));
  }

  /** {@code v} as type {@code t}: unchanged when it already is, else cast. */
  public SVal coerce(SVal v, SqlType t, IrExpr worker) {
    return v.type().equals(t) ? v : cast(v, t, worker);
  }

  // ---------------------------------------------------------------- arithmetic

  private static int scaleOf(SqlType t) {
    return t.kind() == Kind.DECIMAL ? t.scale() : 0;
  }

  private static boolean isExact(SqlType t) {
    return t.kind() == Kind.INTEGER || t.kind() == Kind.BIGINT || t.kind() == Kind.DECIMAL;
  }

  /** An exact numeric as int128 at its own scale. */
  private static IrExpr wide(SVal v) {
    return Ir.convert(v.value(), Prim.I128);
  }

  private static IrExpr toDouble(SVal v) {
    if (v.type().kind() == Kind.DECIMAL) return Ir.call(RtFn.DEC_TO_F64, Prim.F64, wide(v), Ir.i32(v.type().scale()));
    return Ir.convert(v.value(), Prim.F64);
  }

  private static IrExpr scaleUp(IrExpr v, int by) {
    return by == 0 ? v : Ir.call(RtFn.CK_MUL, Prim.I128, v, Ir.call(RtFn.POW10, Prim.I128, Ir.i32(by)));
  }

  private static IrExpr rescale(IrExpr v, int from, int to) {
    if (from == to) return v;
    if (to > from) return scaleUp(v, to - from);
    return Ir.call(RtFn.DEC_RESCALE, Prim.I128, v, Ir.i32(from), Ir.i32(to));
  }

  /** A decimal result computed in int128 at {@code scale}, checked against the type and narrowed. */
  private static IrExpr finishDecimal(IrExpr v, int scale, SqlType rt) {
    IrExpr r = Ir.call(RtFn.DEC_CHECK, Prim.I128, rescale(v, scale, rt.scale()), Ir.i32(rt.precision()));
    return Ir.convert(r, prim(rt));
  }

  private SVal arithmetic(Op op, SVal x, SVal y, SqlType rt, IrExpr nullIn) {
    IrExpr e;
    switch (rt.kind()) {
      case INTEGER, BIGINT -> {
        Prim p = prim(rt);
        IrExpr a = Ir.convert(asInteger(x), p), b = Ir.convert(asInteger(y), p);
        RtFn fn = switch (op) {
          case PLUS -> RtFn.CK_ADD;
          case MINUS -> RtFn.CK_SUB;
          case TIMES -> RtFn.CK_MUL;
          case DIVIDE -> RtFn.CK_DIV;
          default -> RtFn.CK_MOD;
        };
        e = Ir.call(fn, p, a, b);
      }
      case DOUBLE -> {
        IrExpr a = toDouble(x), b = toDouble(y);
        e = switch (op) {
          case PLUS -> Ir.arith(BinOp.ADD, a, b);
          case MINUS -> Ir.arith(BinOp.SUB, a, b);
          case TIMES -> Ir.arith(BinOp.MUL, a, b);
          case DIVIDE -> Ir.call(RtFn.FDIV, Prim.F64, a, b);
          default -> Ir.call(RtFn.FMOD, Prim.F64, a, b);
        };
        if (op == Op.PLUS || op == Op.MINUS || op == Op.TIMES) return new SVal(s.let("arith", e), nullIn, rt);
      }
      case DECIMAL -> {
        if (!isExact(x.type()) || !isExact(y.type()))
          throw new FlernException("internal error: DECIMAL arithmetic on " + x.type() + " and " + y.type());
        int sa = scaleOf(x.type()), sb = scaleOf(y.type());
        IrExpr a = wide(x), b = wide(y);
        e = switch (op) {
          case PLUS, MINUS -> {
            int sc = Math.max(sa, sb);
            IrExpr r = Ir.call(op == Op.PLUS ? RtFn.CK_ADD : RtFn.CK_SUB, Prim.I128, rescale(a, sa, sc), rescale(b, sb, sc));
            yield finishDecimal(r, sc, rt);
          }
          case TIMES -> finishDecimal(Ir.call(RtFn.CK_MUL, Prim.I128, a, b), sa + sb, rt);
          case DIVIDE -> finishDecimal(Ir.call(RtFn.DEC_DIV, Prim.I128, a, Ir.i32(sa), b, Ir.i32(sb),
              Ir.i32(rt.scale())), rt.scale(), rt);
          default -> {
            int sc = Math.max(sa, sb);
            yield finishDecimal(Ir.call(RtFn.DEC_MOD, Prim.I128, rescale(a, sa, sc), rescale(b, sb, sc)), sc, rt);
          }
        };
      }
      default -> throw new FlernException("arithmetic is not defined for " + rt);
    }
    return new SVal(guarded("arith", e, nullIn), nullIn, rt);
  }

  private IrExpr negate(SVal v) {
    if (v.type().kind() == Kind.DOUBLE) return Ir.neg(v.value());
    return Ir.call(RtFn.CK_NEG, prim(v.type()), v.value());
  }

  // ---------------------------------------------------------------- comparison

  private static BinOp binOp(Op op) {
    return switch (op) {
      case EQ -> BinOp.EQ;
      case NE -> BinOp.NE;
      case LT -> BinOp.LT;
      case LE -> BinOp.LE;
      case GT -> BinOp.GT;
      case GE -> BinOp.GE;
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  /** The comparison of two non-NULL values (the caller handles NULLs). */
  public IrExpr compare(Op op, SVal x, SVal y) {
    BinOp b = binOp(op);
    Kind kx = x.type().kind(), ky = y.type().kind();
    if (kx == Kind.VARCHAR && ky == Kind.VARCHAR) {
      if (op == Op.EQ) return Ir.call(RtFn.STR_EQ, Prim.BOOL, x.value(), y.value());
      if (op == Op.NE) return Ir.not(Ir.call(RtFn.STR_EQ, Prim.BOOL, x.value(), y.value()));
      return Ir.cmp(b, Ir.call(RtFn.STR_CMP, Prim.I32, x.value(), y.value()), Ir.i32(0));
    }
    // PostgreSQL orders NaN above every other double and equal to itself (so NaN = NaN, NaN > 1).
    if (kx == Kind.DOUBLE || ky == Kind.DOUBLE)
      return Ir.cmp(b, Ir.call(RtFn.CMP_F64, Prim.I32, toDouble(x), toDouble(y)), Ir.i32(0));
    if (kx == Kind.DECIMAL || ky == Kind.DECIMAL) {
      int sx = scaleOf(x.type()), sy = scaleOf(y.type());
      if (sx == sy && prim(x.type()) == prim(y.type())) return Ir.cmp(b, x.value(), y.value());
      int sc = Math.max(sx, sy);
      return Ir.cmp(b, rescale(wide(x), sx, sc), rescale(wide(y), sy, sc));
    }
    if (x.value().type() != y.value().type()) {
      Prim w = Prim.I64;
      return Ir.cmp(b, Ir.convert(x.value(), w), Ir.convert(y.value(), w));
    }
    return Ir.cmp(b, x.value(), y.value());
  }

  // ---------------------------------------------------------------- casts

  public SVal cast(SVal v, SqlType to, IrExpr worker) {
    SqlType from = v.type();
    if (from.equals(to)) return v;
    IrExpr x = v.value();
    IrExpr n = v.isNull();
    Kind f = from.kind(), t = to.kind();
    if (f == Kind.VARCHAR) return new SVal(guarded("cast", parse(x, to), n), n, to);
    if (t == Kind.VARCHAR) return new SVal(s.let("text", format(v, worker)), n, to);
    IrExpr e = switch (t) {
      case BOOLEAN -> switch (f) {
        case INTEGER, BIGINT -> Ir.cmp(BinOp.NE, x, new IrExpr.Const(0L, prim(from)));
        default -> throw unsupportedCast(from, to);
      };
      case INTEGER -> switch (f) {
        case BOOLEAN -> Ir.convert(x, Prim.I32);
        case BIGINT -> Ir.call(RtFn.I64_TO_I32, Prim.I32, x);
        case DOUBLE -> Ir.call(RtFn.F64_TO_I32, Prim.I32, x);
        case DECIMAL -> Ir.call(RtFn.DEC_TO_I32, Prim.I32, wide(v), Ir.i32(from.scale()));
        default -> throw unsupportedCast(from, to);
      };
      case BIGINT -> switch (f) {
        case BOOLEAN, INTEGER -> Ir.convert(x, Prim.I64);
        case DOUBLE -> Ir.call(RtFn.F64_TO_I64, Prim.I64, x);
        case DECIMAL -> Ir.call(RtFn.DEC_TO_I64, Prim.I64, wide(v), Ir.i32(from.scale()));
        default -> throw unsupportedCast(from, to);
      };
      case DOUBLE -> switch (f) {
        case INTEGER, BIGINT, DECIMAL -> toDouble(v);
        default -> throw unsupportedCast(from, to);
      };
      case DECIMAL -> switch (f) {
        case INTEGER, BIGINT, DECIMAL -> finishDecimal(wide(v), scaleOf(from), to);
        case DOUBLE -> Ir.convert(Ir.call(RtFn.F64_TO_DEC, Prim.I128, x, Ir.i32(to.scale()), Ir.i32(to.precision())), prim(to));
        default -> throw unsupportedCast(from, to);
      };
      case DATE, FLOAT_ARRAY -> throw unsupportedCast(from, to);
      case VARCHAR -> throw new IllegalStateException("handled above");
    };
    boolean safe = (t == Kind.BIGINT && (f == Kind.INTEGER || f == Kind.BOOLEAN)) || t == Kind.DOUBLE
        || t == Kind.BOOLEAN || (t == Kind.INTEGER && f == Kind.BOOLEAN);
    return new SVal(safe ? s.let("cast", e) : guarded("cast", e, n), n, to);
  }

  private static FlernException unsupportedCast(SqlType from, SqlType to) {
    return new FlernException("cannot cast " + from + " to " + to);
  }

  private static IrExpr parse(IrExpr str, SqlType to) {
    return switch (to.kind()) {
      case BOOLEAN -> Ir.call(RtFn.PARSE_BOOL, Prim.BOOL, str);
      case INTEGER -> Ir.call(RtFn.PARSE_I32, Prim.I32, str);
      case BIGINT -> Ir.call(RtFn.PARSE_I64, Prim.I64, str);
      case DOUBLE -> Ir.call(RtFn.PARSE_F64, Prim.F64, str);
      case DATE -> Ir.call(RtFn.PARSE_DATE, Prim.I32, str);
      case DECIMAL -> Ir.convert(Ir.call(RtFn.PARSE_DEC, Prim.I128, str, Ir.i32(to.scale()), Ir.i32(to.precision())), prim(to));
      case VARCHAR -> str;
      case FLOAT_ARRAY -> throw unsupportedCast(SqlType.VARCHAR, to);
    };
  }

  private IrExpr format(SVal v, IrExpr worker) {
    IrExpr a = arena(worker);
    IrExpr x = v.value();
    return switch (v.type().kind()) {
      case BOOLEAN -> Ir.call(RtFn.FMT_BOOL, Prim.STR, a, x);
      case INTEGER, BIGINT -> Ir.call(RtFn.FMT_I64, Prim.STR, a, Ir.convert(x, Prim.I64));
      case DOUBLE -> Ir.call(RtFn.FMT_F64, Prim.STR, a, x);
      case DECIMAL -> Ir.call(RtFn.FMT_DEC, Prim.STR, a, wide(v), Ir.i32(v.type().scale()));
      case DATE -> Ir.call(RtFn.FMT_DATE, Prim.STR, a, x);
      case VARCHAR -> x;
      case FLOAT_ARRAY -> throw unsupportedCast(v.type(), SqlType.VARCHAR);
    };
  }
}
