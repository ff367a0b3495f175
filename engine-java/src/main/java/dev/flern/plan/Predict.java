package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs a model on every row of the input. The output is the input's columns listed in {@code pass}
 * (all of them, in order, until column pruning drops those nothing above reads) followed by one
 * column per entry of {@code outputs} (indices of the model's outputs). {@code args} are the
 * features, expressions over the input's columns: numbers in order and FLOAT[n] values spread,
 * filling the model's inputs one after another; a row with a NULL argument gets NULL outputs.
 */
public record Predict(Plan input, String model, List<Expr> args, List<Integer> outputs, List<Integer> pass,
                      List<Field> output) implements Plan {
  public Predict {
    args = List.copyOf(args);
    outputs = List.copyOf(outputs);
    pass = List.copyOf(pass);
    output = List.copyOf(output);
  }

  /** Every input column passes through. */
  public Predict(Plan input, String model, List<Expr> args, List<Integer> outputs, List<Field> output) {
    this(input, model, args, outputs, IntStream.range(0, input.output().size()).boxed().toList(), output);
  }

  /** True when every input column passes through, in order. */
  public boolean passesAll() {
    if (pass.size() != input.output().size()) return false;
    for (int i = 0; i < pass.size(); i++) if (pass.get(i) != i) return false;
    return true;
  }

  public List<Plan> inputs() { return List.of(input); }
}
