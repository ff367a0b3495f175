package dev.flern.ml.ir;

import java.util.List;

/** Mean over {@code axes} (non-negative, ascending, non-empty); kept as size 1 when {@code keepDims}. */
public record ReduceMeanNode(String name, String input, int[] axes, boolean keepDims, String output)
    implements Node {
  public ReduceMeanNode {
    axes = axes.clone();
  }

  @Override
  public int[] axes() {
    return axes.clone();
  }

  @Override
  public String opType() {
    return "ReduceMean";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
