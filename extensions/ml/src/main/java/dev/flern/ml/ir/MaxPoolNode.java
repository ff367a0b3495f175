package dev.flern.ml.ir;

import java.util.List;

/**
 * 2-D max pooling over NCHW with {@code window}; with {@code ceilMode} the output size
 * rounds up, but a window that would start in the bottom/right padding is dropped.
 */
public record MaxPoolNode(String name, String input, Window2d window, boolean ceilMode, String output)
    implements Node {
  @Override
  public String opType() {
    return "MaxPool";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
