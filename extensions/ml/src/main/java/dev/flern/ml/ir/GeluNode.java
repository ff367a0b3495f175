package dev.flern.ml.ir;

import java.util.List;

/**
 * Gelu (ONNX opset 20): exact x*0.5*(1+erf(x/sqrt2)), or the tanh approximation when
 * {@code tanhApproximation}.
 */
public record GeluNode(String name, String input, boolean tanhApproximation, String output) implements Node {
  @Override
  public String opType() {
    return "Gelu";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
