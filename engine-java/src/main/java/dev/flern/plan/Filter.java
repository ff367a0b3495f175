package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;

/** Keeps rows whose BOOLEAN condition is TRUE (not FALSE, not NULL). */
public record Filter(Plan input, Expr condition) implements Plan {
  public List<Field> output() { return input.output(); }
  public List<Plan> inputs() { return List.of(input); }
}
