package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;

/** Constant rows, e.g. {@code VALUES (1, 'a'), (2, 'b')} or a SELECT without FROM. */
public record Values(List<List<Expr>> rows, List<Field> output) implements Plan {
  public List<Plan> inputs() { return List.of(); }
}
