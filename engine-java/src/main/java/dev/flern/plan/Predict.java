package dev.flern.plan;

import dev.flern.plan.expr.Expr;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs a model on every row of the input. The output is the input's columns listed in {@code pass}
 * (all of them, in order, until column pruning drops those nothing above reads) followed by one
 * column per entry of {@code outputs} (indices of the model's outputs): the whole output when the
 * matching entry of {@code elements} is 0, else only its element k (1-based) as a DOUBLE — what
 * {@code PREDICT(...)[k]} reads. {@code args} are the features, expressions over the input's
 * columns: numbers in order and FLOAT[n] values spread, filling the model's inputs one after
 * another; a row with a NULL argument gets NULL outputs.
 */
public record Predict(Plan input, String model, List<Expr> args, List<Integer> outputs, List<Integer> elements,
                      List<Integer> pass, List<Field> output) implements Plan {
  public Predict {
    args = List.copyOf(args);
    outputs = List.copyOf(outputs);
    elements = List.copyOf(elements);
    pass = List.copyOf(pass);
    output = List.copyOf(output);
    if (elements.size() != outputs.size()) throw new IllegalArgumentException("an element per output");
  }

  /** Whole outputs; every input column passes through. */
  public Predict(Plan input, String model, List<Expr> args, List<Integer> outputs, List<Field> output) {
    this(input, model, args, outputs, whole(outputs), IntStream.range(0, input.output().size()).boxed().toList(), output);
  }

  private static List<Integer> whole(List<Integer> outputs) {
    return outputs.stream().map(o -> 0).toList();
  }

  /** True when every input column passes through, in order. */
  public boolean passesAll() {
    if (pass.size() != input.output().size()) return false;
    for (int i = 0; i < pass.size(); i++) if (pass.get(i) != i) return false;
    return true;
  }

  public List<Plan> inputs() { return List.of(input); }
}
