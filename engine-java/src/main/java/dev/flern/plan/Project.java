package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;

/** Computes one expression per output column over the input's columns. */
public record Project(Plan input, List<Expr> exprs, List<Field> output) implements Plan {
  public List<Plan> inputs() { return List.of(input); }
}
