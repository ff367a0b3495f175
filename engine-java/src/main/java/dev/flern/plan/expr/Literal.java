package dev.flern.plan.expr;

import dev.flern.SqlType;

/**
 * A constant. {@code value} is null for SQL NULL, else Boolean, Integer (INTEGER, DATE as days since
 * 1970-01-01), Long (BIGINT), Double, BigDecimal (DECIMAL, already at the type's scale) or String.
 * The code generator turns literals into parameters of the compiled program, never into source text.
 */
public record Literal(Object value, SqlType type) implements Expr {
  public boolean nullable() { return value == null; }
}
