package dev.flern.ml.ir;

import java.util.List;

/** Inserts size-1 dimensions so that they sit at {@code axes} of the output (non-negative, ascending). */
public record UnsqueezeNode(String name, String input, int[] axes, String output) implements Node {
  public UnsqueezeNode {
    axes = axes.clone();
  }

  @Override
  public int[] axes() {
    return axes.clone();
  }

  @Override
  public String opType() {
    return "Unsqueeze";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
