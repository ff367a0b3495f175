package dev.flern.plan.expr;

import dev.flern.SqlType;

/** A scalar expression over the columns of a plan node's input. */
public sealed interface Expr permits ColumnRef, Literal, Call, Case, Cast {
  SqlType type();

  boolean nullable();
}
