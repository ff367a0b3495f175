package dev.flern.ml.stage;

import dev.flern.stage.ir.CppName;

/** Enumerators and structural template types of the ML kernels, by the generator's fixed names. */
public enum MlName implements CppName {
  ACT_NONE("flern::ml::Act::None"), ACT_RELU("flern::ml::Act::Relu"), ACT_LEAKY_RELU("flern::ml::Act::LeakyRelu"),
  ACT_SIGMOID("flern::ml::Act::Sigmoid"), ACT_TANH("flern::ml::Act::Tanh"), ACT_GELU("flern::ml::Act::Gelu"),
  U_IDENTITY("flern::ml::Unary::Identity"), U_RELU("flern::ml::Unary::Relu"), U_LEAKY_RELU("flern::ml::Unary::LeakyRelu"), U_SIGMOID("flern::ml::Unary::Sigmoid"),
  U_TANH("flern::ml::Unary::Tanh"), U_ERF("flern::ml::Unary::Erf"), U_GELU("flern::ml::Unary::Gelu"),
  U_SQRT("flern::ml::Unary::Sqrt"), U_CLIP("flern::ml::Unary::Clip"),
  B_ADD("flern::ml::Binary::Add"), B_SUB("flern::ml::Binary::Sub"), B_MUL("flern::ml::Binary::Mul"),
  B_DIV("flern::ml::Binary::Div"), B_POW("flern::ml::Binary::Pow"),
  SHAPE("flern::ml::Shape"), PERM("flern::ml::Perm"), CONV2D("flern::ml::Conv2d"), POOL2D("flern::ml::Pool2d");

  private final String cpp;

  MlName(String cpp) {
    this.cpp = cpp;
  }

  @Override
  public String cpp() {
    return cpp;
  }
}
