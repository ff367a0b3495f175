package dev.flern.ml.ir;

import java.util.List;

/** Inference batch normalisation over axis 1: (x - mean) / sqrt(var + epsilon) * scale + bias. */
public record BatchNormNode(String name, String input, String scale, String bias, String mean,
    String variance, float epsilon, String output) implements Node {
  @Override
  public String opType() {
    return "BatchNormalization";
  }

  @Override
  public List<String> inputs() {
    return List.of(input, scale, bias, mean, variance);
  }
}
