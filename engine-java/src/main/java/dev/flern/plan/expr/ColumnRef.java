package dev.flern.plan.expr;

import dev.flern.SqlType;

/** The input column at {@code index}. */
public record ColumnRef(int index, SqlType type, boolean nullable) implements Expr {}
