package dev.flern.ml.ir;

import java.util.List;

/**
 * 2-D average pooling over NCHW with {@code window}. Without {@code countIncludePad} a
 * window's sum is divided by the number of real (non-padding) elements it covers (0 if none); with
 * it, by the window size kH*kW, as ONNX Runtime does (this differs from PyTorch only for a ceil-mode
 * window that reaches past the padded input).
 */
public record AveragePoolNode(String name, String input, Window2d window, boolean ceilMode,
    boolean countIncludePad, String output) implements Node {
  @Override
  public String opType() {
    return "AveragePool";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
