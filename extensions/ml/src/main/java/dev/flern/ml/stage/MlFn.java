package dev.flern.ml.stage;

import dev.flern.stage.ir.CallTarget;

/** The kernel templates of engine-native/include/flern/ml that generated model code may call. */
public enum MlFn implements CallTarget {
  REINTERPRET("reinterpret_cast", true),
  PACKED_B_SIZE("flern::ml::packed_b_size", true), PACK_B("flern::ml::pack_b", false), GEMM("flern::ml::gemm", false),
  MATMUL_WORKSPACE("flern::ml::matmul_workspace", true), MATMUL_BATCHED("flern::ml::matmul_batched", false),
  CONV_PACKED_SIZE("flern::ml::conv_packed_size", true), CONV_WORKSPACE("flern::ml::conv_workspace", true),
  PACK_CONV("flern::ml::pack_conv", false), CONV2D("flern::ml::conv2d", false),
  MAX_POOL("flern::ml::max_pool", false), AVG_POOL("flern::ml::avg_pool", false),
  GLOBAL_AVG_POOL("flern::ml::global_avg_pool", false),
  SOFTMAX("flern::ml::softmax", false), LAYER_NORM("flern::ml::layer_norm", false),
  UNARY("flern::ml::unary", false), BINARY("flern::ml::binary", false),
  CONCAT("flern::ml::concat", false), TRANSPOSE("flern::ml::transpose", false), GATHER("flern::ml::gather", false),
  SLICE("flern::ml::slice", false), REDUCE_MEAN("flern::ml::reduce_mean", false),
  BATCH_NORM("flern::ml::batch_norm", false), ARGMAX("flern::ml::argmax", false);

  private final String cpp;
  private final boolean pure;

  MlFn(String cpp, boolean pure) {
    this.cpp = cpp;
    this.pure = pure;
  }

  @Override
  public String cpp() {
    return cpp;
  }

  @Override
  public boolean pure() {
    return pure;
  }
}
