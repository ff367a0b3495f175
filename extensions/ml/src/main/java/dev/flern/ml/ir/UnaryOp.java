package dev.flern.ml.ir;

/** Element-wise unary operators without attributes. */
public enum UnaryOp {
  SQRT("Sqrt"),
  RELU("Relu"),
  SIGMOID("Sigmoid"),
  TANH("Tanh"),
  ERF("Erf");

  private final String onnxName;

  UnaryOp(String onnxName) {
    this.onnxName = onnxName;
  }

  public String onnxName() {
    return onnxName;
  }
}
