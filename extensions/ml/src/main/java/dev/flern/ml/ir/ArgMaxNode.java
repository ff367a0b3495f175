package dev.flern.ml.ir;

import java.util.List;

/** Index (int64) of the largest element along {@code axis}; ties go to the first, or the last. */
public record ArgMaxNode(String name, String input, int axis, boolean keepDims, boolean selectLastIndex,
    String output) implements Node {
  @Override
  public String opType() {
    return "ArgMax";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
