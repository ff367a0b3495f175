package dev.flern.ml.ir;

import java.util.List;

/** [d0..d(axis-1)] and [d(axis)..] each collapse into one dimension; data unchanged. */
public record FlattenNode(String name, String input, int axis, String output) implements Node {
  @Override
  public String opType() {
    return "Flatten";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
