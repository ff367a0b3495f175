package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;

/**
 * Runs a model on every row of the input. The output is the input's columns followed by one column
 * per entry of {@code outputs} (indices of the model's outputs). {@code args} are the features,
 * expressions over the input's columns: numbers in order and FLOAT[n] values spread, filling the
 * model's inputs one after another; a row with a NULL argument gets NULL outputs.
 */
public record Predict(Plan input, String model, List<Expr> args, List<Integer> outputs, List<Field> output)
    implements Plan {
  public Predict {
    args = List.copyOf(args);
    outputs = List.copyOf(outputs);
    output = List.copyOf(output);
  }

  public List<Plan> inputs() { return List.of(input); }
}
