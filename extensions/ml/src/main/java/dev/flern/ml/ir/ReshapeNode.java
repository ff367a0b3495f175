package dev.flern.ml.ir;

import java.util.List;

/**
 * Reshape to the target {@code shape} as written in the model: 0 copies the input's size at that
 * position (unless {@code allowZero}), -1 takes what is left. The resolved output shape is in the
 * graph's tensor table; the data is unchanged (row-major order).
 */
public record ReshapeNode(String name, String input, long[] shape, boolean allowZero, String output)
    implements Node {
  public ReshapeNode {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public String opType() {
    return "Reshape";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
