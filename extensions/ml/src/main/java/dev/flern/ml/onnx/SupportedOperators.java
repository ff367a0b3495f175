package dev.flern.ml.onnx;

import java.util.List;

/** The ONNX operators (default domain, opsets 13 to 20) the importer turns into IR nodes. */
public final class SupportedOperators {
  private SupportedOperators() {}

  public static final List<String> ALL = List.of(
      "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Relu", "LeakyRelu", "Sigmoid", "Tanh",
      "Erf", "Gelu", "Softmax", "LayerNormalization", "BatchNormalization", "Conv", "MaxPool", "AveragePool",
      "GlobalAveragePool", "Concat", "Reshape", "Flatten", "Transpose", "Gather", "Squeeze", "Unsqueeze",
      "Slice", "Clip", "ReduceMean", "ArgMax", "Identity", "Dropout", "Constant");

  public static boolean contains(String opType) {
    return ALL.contains(opType);
  }
}
