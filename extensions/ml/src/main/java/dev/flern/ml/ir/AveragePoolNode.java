package dev.flern.ml.ir;

import java.util.List;

/**
 * 2-D average pooling over NCHW. Arrays as in {@link ConvNode}. Without {@code countIncludePad} a
 * window's sum is divided by the number of real (non-padding) elements it covers (0 if none); with
 * it, by the window size kH*kW, as ONNX Runtime does (this differs from PyTorch only for a ceil-mode
 * window that reaches past the padded input).
 */
public record AveragePoolNode(String name, String input, int[] kernel, int[] pads, int[] strides,
    int[] dilations, boolean ceilMode, boolean countIncludePad, String output) implements Node {
  public AveragePoolNode {
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
    return "AveragePool";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
