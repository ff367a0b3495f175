package dev.flern.ml.onnx;

import dev.flern.ml.ir.TensorData;
import dev.flern.ml.ir.TensorInfo;
import java.util.Optional;

/** What a node converter may ask of the import in progress. */
interface ImportContext {
  /** The default-domain opset the model imports. */
  int opset();

  /** Type and shape (batch N set to a probe size) of a tensor defined so far. */
  TensorInfo info(String tensor);

  /** The value of a tensor that is an initializer or a Constant node's output. */
  Optional<TensorData> constant(String tensor);

  /** Whether a later node or a graph output reads the tensor. */
  boolean isUsed(String tensor);

  /** Registers the value of a Constant node as a weight. */
  void addConstant(String tensor, TensorData value);
}
