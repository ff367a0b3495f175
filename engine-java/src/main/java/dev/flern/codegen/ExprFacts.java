package dev.flern.codegen;

import dev.flern.SqlType.Kind;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.util.BitSet;

/** Facts about plan expressions that staging decisions depend on. */
public final class ExprFacts {
  private ExprFacts() {}

  /**
   * Whether evaluating {@code e} can raise an error for some input (division by zero, a cast of bad
   * text, a narrowing cast out of range). Such operands are evaluated lazily in AND/OR.
   */
  public static boolean mayRaise(Expr e) {
    return switch (e) {
      case ColumnRef c -> false;
      case Literal l -> false;
      case Cast c -> !(c.type().kind() == Kind.DOUBLE || c.type().kind() == Kind.VARCHAR
          || (c.type().kind() == Kind.BIGINT && c.input().type().kind() == Kind.INTEGER))
          || mayRaise(c.input());
      case Case c -> anyMayRaise(c.whens()) || anyMayRaise(c.thens()) || mayRaise(c.otherwise());
      case Call c -> switch (c.op()) {
        case DIVIDE, MOD, SUBSTRING -> true;
        // Checked integer and decimal arithmetic raises on overflow.
        case PLUS, MINUS, TIMES, NEGATE, ABS -> c.type().kind() != Kind.DOUBLE || anyMayRaise(c.args());
        // PostgreSQL's domain and range errors (sqrt of a negative, ln of zero, exp overflow, ...).
        case SQRT, EXP, LN, LOG10, LOG, POWER -> true;
        // Exact rounding can leave the result type: a DECIMAL's precision, an integer rounded to tens.
        case CEIL, FLOOR, ROUND, TRUNC, SIGN -> c.type().kind() == Kind.DECIMAL
            || (c.args().size() == 2 && c.type().kind() != Kind.DOUBLE) || anyMayRaise(c.args());
        default -> anyMayRaise(c.args());
      };
    };
  }

  /** Plain loops rather than streams: an OR chain hundreds deep must cost little stack per level. */
  private static boolean anyMayRaise(java.util.List<Expr> es) {
    for (Expr x : es) if (mayRaise(x)) return true;
    return false;
  }

  /**
   * Whether {@code e} is NULL for every row: a NULL literal, a cast of one, a strict operator with
   * such an operand, a CASE whose every branch is one. PostgreSQL folds these to NULL at plan time,
   * so their other operands are never evaluated and cannot raise.
   */
  public static boolean isNullConstant(Expr e) {
    return switch (e) {
      case ColumnRef c -> false;
      case Literal l -> l.value() == null;
      case Cast c -> isNullConstant(c.input());
      case Case c -> c.thens().stream().allMatch(ExprFacts::isNullConstant) && isNullConstant(c.otherwise());
      case Call c -> strict(c.op()) && c.args().stream().anyMatch(ExprFacts::isNullConstant);
    };
  }

  /** NULL in, NULL out. */
  public static boolean strict(Op op) {
    return switch (op) {
      case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE,
           IS_NOT_FALSE, AND, OR -> false;
      default -> true;
    };
  }

  /** Adds the input columns {@code e} reads to {@code used}. */
  public static void columns(Expr e, BitSet used) {
    switch (e) {
      case ColumnRef c -> used.set(c.index());
      case Literal l -> {}
      case Cast c -> columns(c.input(), used);
      case Case c -> {
        for (Expr w : c.whens()) columns(w, used);
        for (Expr t : c.thens()) columns(t, used);
        columns(c.otherwise(), used);
      }
      case Call c -> {
        for (Expr a : c.args()) columns(a, used);
      }
    }
  }
}
