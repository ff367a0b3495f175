package dev.flern.ml.ir;

import java.util.List;

/** Concatenation along a non-negative {@code axis}. */
public record ConcatNode(String name, List<String> inputs, int axis, String output) implements Node {
  public ConcatNode {
    inputs = List.copyOf(inputs);
  }

  @Override
  public String opType() {
    return "Concat";
  }
}
