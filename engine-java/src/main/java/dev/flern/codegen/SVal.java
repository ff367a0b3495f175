package dev.flern.codegen;

import dev.flern.SqlType;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.IrExpr;

/**
 * A SQL value of the generated program: its physical value and its NULL flag. For a value known not
 * to be NULL at staging time the flag is the constant false, and every NULL test on it folds away.
 * When the flag is true at run time, {@code value} holds the type's zero.
 */
public record SVal(IrExpr value, IrExpr isNull, SqlType type) {
  public static SVal notNull(IrExpr value, SqlType type) {
    return new SVal(value, Ir.FALSE, type);
  }

  public boolean mayBeNull() {
    return !Ir.isFalse(isNull);
  }
}
