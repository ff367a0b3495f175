package dev.flern.codegen;

import dev.flern.SqlType.Kind;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
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
      case Case c -> c.whens().stream().anyMatch(ExprFacts::mayRaise)
          || c.thens().stream().anyMatch(ExprFacts::mayRaise) || mayRaise(c.otherwise());
      case Call c -> switch (c.op()) {
        case DIVIDE, MOD, SUBSTRING -> true;
        // Checked integer and decimal arithmetic raises on overflow.
        case PLUS, MINUS, TIMES, NEGATE, ABS -> c.type().kind() != Kind.DOUBLE || c.args().stream().anyMatch(ExprFacts::mayRaise);
        default -> c.args().stream().anyMatch(ExprFacts::mayRaise);
      };
    };
  }

  /** Adds the input columns {@code e} reads to {@code used}. */
  public static void columns(Expr e, BitSet used) {
    switch (e) {
      case ColumnRef c -> used.set(c.index());
      case Literal l -> {}
      case Cast c -> columns(c.input(), used);
      case Case c -> {
        c.whens().forEach(w -> columns(w, used));
        c.thens().forEach(t -> columns(t, used));
        columns(c.otherwise(), used);
      }
      case Call c -> c.args().forEach(a -> columns(a, used));
    }
  }
}
