package dev.flern.ml.ir;

/** Element-wise binary operators with numpy broadcasting. */
public enum BinaryOp {
  ADD("Add"),
  SUB("Sub"),
  MUL("Mul"),
  DIV("Div"),
  POW("Pow");

  private final String onnxName;

  BinaryOp(String onnxName) {
    this.onnxName = onnxName;
  }

  public String onnxName() {
    return onnxName;
  }
}
