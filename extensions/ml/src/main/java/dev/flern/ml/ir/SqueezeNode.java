package dev.flern.ml.ir;

import java.util.List;

/** Removes the size-1 dimensions at {@code axes} (non-negative, ascending). */
public record SqueezeNode(String name, String input, int[] axes, String output) implements Node {
  public SqueezeNode {
    axes = axes.clone();
  }

  @Override
  public int[] axes() {
    return axes.clone();
  }

  @Override
  public String opType() {
    return "Squeeze";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
