package dev.flern.ml.ir;

import java.util.Objects;

/**
 * A constant tensor of the model (an ONNX initializer or Constant node). Weights are data: they stay
 * in Java (and later in native buffers), never in generated source.
 */
public record Weight(String name, TensorData data) {
  public Weight {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
  }

  public TensorInfo info() {
    return new TensorInfo(name, data.type(), data.shape());
  }
}
