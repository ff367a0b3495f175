package dev.flern.ml.ir;

import java.util.List;

/**
 * 2-D max pooling over NCHW. Arrays as in {@link ConvNode}; with {@code ceilMode} the output size
 * rounds up, but a window that would start in the bottom/right padding is dropped.
 */
public record MaxPoolNode(String name, String input, int[] kernel, int[] pads, int[] strides,
    int[] dilations, boolean ceilMode, String output) implements Node {
  public MaxPoolNode {
    kernel = Windows.checked("kernel", kernel, 2, 1);
    pads = Windows.checked("pads", pads, 4, 0);
    strides = Windows.checked("strides", strides, 2, 1);
    dilations = Windows.checked("dilations", dilations, 2, 1);
  }

  @Override
  public int[] kernel() {
    return kernel.clone();
  }

  @Override
  public int[] pads() {
    return pads.clone();
  }

  @Override
  public int[] strides() {
    return strides.clone();
  }

  @Override
  public int[] dilations() {
    return dilations.clone();
  }

  @Override
  public String opType() {
    return "MaxPool";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
