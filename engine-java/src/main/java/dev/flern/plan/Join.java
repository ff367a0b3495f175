package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;
import java.util.Optional;

/**
 * An inner equi-join: rows where {@code left[leftKeys[i]] = right[rightKeys[i]]} for all i (NULL keys
 * never match) and the optional residual condition, over the concatenated row, is TRUE. With no keys
 * it is a cross product filtered by the residual.
 */
public record Join(Plan left, Plan right, List<Integer> leftKeys, List<Integer> rightKeys,
                   Optional<Expr> residual, List<Field> output) implements Plan {
  public List<Plan> inputs() { return List.of(left, right); }
}
