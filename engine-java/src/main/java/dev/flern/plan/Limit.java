package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;
import java.util.Optional;

/**
 * OFFSET/LIMIT over the input's order. Both are BIGINT expressions without column references
 * (literals become parameters of the compiled program, so LIMIT 10 and LIMIT 20 share it).
 */
public record Limit(Plan input, Optional<Expr> offset, Optional<Expr> fetch) implements Plan {
  public List<Field> output() { return input.output(); }
  public List<Plan> inputs() { return List.of(input); }
}
