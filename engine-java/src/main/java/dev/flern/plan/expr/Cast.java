package dev.flern.plan.expr;

import dev.flern.SqlType;

/** CAST(input AS type); a failing cast (bad text, out of range) is a query error. */
public record Cast(Expr input, SqlType type, boolean nullable) implements Expr {}
