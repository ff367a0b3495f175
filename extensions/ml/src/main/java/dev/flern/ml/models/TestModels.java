package dev.flern.ml.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.onnx.OnnxBuilder;
import java.util.Random;

/**
 * The three reference models, built in Java with seeded random weights (nothing is downloaded),
 * opset 17. In main rather than test sources because the benchmark runs them too.
 *
 * <ul>
 *   <li>{@link #mlp}: x [N, 32] → Gemm 256 → Relu → Gemm 256 → Relu → Gemm 2 → Softmax: probs [N, 2].
 *   <li>{@link #squeezeNet}: image [N, 3, 64, 64] → SqueezeNet 1.1 layout (conv 3×3/2, max pools
 *       3/2 with ceil mode, eight fire modules, dropout, conv 1×1 to 1000 classes, global average
 *       pool, flatten) → logits [N, 1000] → Softmax: probs [N, 1000].
 *   <li>{@link #bertTiny}: input_ids int64 [N, 64] → token + position embeddings (Gather) →
 *       LayerNorm → 2 encoder layers (hidden 128, 2 heads of 64, batched attention through
 *       Reshape/Transpose/MatMul, feed-forward 512 with Gelu written as x*0.5*(1+erf(x/sqrt2)),
 *       residual Adds, LayerNorms) → last_hidden_state [N, 64, 128]; and the first token through
 *       Slice/Squeeze/Gemm/Tanh → pooler_output [N, 128].
 * </ul>
 */
public final class TestModels {
  public static final int OPSET = 17;

  public static final String MLP_INPUT = "x";
  public static final String MLP_OUTPUT = "probs";

  public static final String SQUEEZENET_INPUT = "image";
  public static final String SQUEEZENET_LOGITS = "logits";
  public static final String SQUEEZENET_OUTPUT = "probs";

  public static final String BERT_INPUT = "input_ids";
  public static final String BERT_OUTPUT = "last_hidden_state";
  public static final String BERT_POOLED = "pooler_output";
  public static final int BERT_SEQUENCE = 64;
  public static final int BERT_HIDDEN = 128;
  public static final int BERT_HEADS = 2;
  public static final int BERT_FEED_FORWARD = 512;
  /** BERT's uncased WordPiece vocabulary size. */
  public static final int BERT_VOCAB = 30522;

  private TestModels() {}

  public static ModelProto mlp(long seed) {
    Random rnd = new Random(seed);
    OnnxBuilder b = new OnnxBuilder("mlp", OPSET);
    String x = b.input(MLP_INPUT, ElementType.FLOAT32, "N", 32);
    x = dense(b, rnd, "fc1", x, 32, 256);
    x = b.op("Relu").name("relu1").inputs(x).out();
    x = dense(b, rnd, "fc2", x, 256, 256);
    x = b.op("Relu").name("relu2").inputs(x).out();
    x = dense(b, rnd, "fc3", x, 256, 2);
    b.op("Softmax").name(MLP_OUTPUT).inputs(x).attr("axis", 1L).out();
    b.output(MLP_OUTPUT, ElementType.FLOAT32, "N", 2);
    return b.build();
  }

  /** Gemm with a PyTorch-style [out, in] weight (transB = 1) and a bias. */
  private static String dense(OnnxBuilder b, Random rnd, String name, String x, int in, int out) {
    String w = b.initializer(name + ".weight", uniform(rnd, Math.sqrt(6.0 / in), out, in));
    String bias = b.initializer(name + ".bias", uniform(rnd, 1 / Math.sqrt(in), out));
    return b.op("Gemm").name(name).inputs(x, w, bias).attr("transB", 1L).out();
  }

  public static ModelProto squeezeNet(long seed) {
    Random rnd = new Random(seed);
    OnnxBuilder b = new OnnxBuilder("squeezenet", OPSET);
    String x = b.input(SQUEEZENET_INPUT, ElementType.FLOAT32, "N", 3, 64, 64);
    x = convRelu(b, rnd, "conv1", x, 3, 64, 3, 2, 0);
    x = maxPool(b, "pool1", x);
    x = fire(b, rnd, "fire2", x, 64, 16, 64, 64);
    x = fire(b, rnd, "fire3", x, 128, 16, 64, 64);
    x = maxPool(b, "pool3", x);
    x = fire(b, rnd, "fire4", x, 128, 32, 128, 128);
    x = fire(b, rnd, "fire5", x, 256, 32, 128, 128);
    x = maxPool(b, "pool5", x);
    x = fire(b, rnd, "fire6", x, 256, 48, 192, 192);
    x = fire(b, rnd, "fire7", x, 384, 48, 192, 192);
    x = fire(b, rnd, "fire8", x, 384, 64, 256, 256);
    x = fire(b, rnd, "fire9", x, 512, 64, 256, 256);
    x = b.op("Dropout").name("drop").inputs(x).out();
    x = convRelu(b, rnd, "conv10", x, 512, 1000, 1, 1, 0);
    x = b.op("GlobalAveragePool").name("gap").inputs(x).out();
    x = b.op("Flatten").name(SQUEEZENET_LOGITS).inputs(x).attr("axis", 1L).out();
    b.op("Softmax").name(SQUEEZENET_OUTPUT).inputs(x).attr("axis", 1L).out();
    b.output(SQUEEZENET_OUTPUT, ElementType.FLOAT32, "N", 1000);
    return b.build();
  }

  private static String convRelu(OnnxBuilder b, Random rnd, String name, String x, int in, int out, int k,
      int stride, int pad) {
    double bound = Math.sqrt(6.0 / (in * k * k));
    String w = b.initializer(name + ".weight", uniform(rnd, bound, out, in, k, k));
    String bias = b.initializer(name + ".bias", uniform(rnd, 0.1, out));
    String c = b.op("Conv").name(name).inputs(x, w, bias)
        .ints("kernel_shape", k, k).ints("strides", stride, stride).ints("pads", pad, pad, pad, pad).out();
    return b.op("Relu").name(name + ".relu").inputs(c).out();
  }

  private static String maxPool(OnnxBuilder b, String name, String x) {
    return b.op("MaxPool").name(name).inputs(x)
        .ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("ceil_mode", 1L).out();
  }

  /** Squeeze 1×1, then expand 1×1 and 3×3 side by side, concatenated on channels. */
  private static String fire(OnnxBuilder b, Random rnd, String name, String x, int in, int squeeze, int e1, int e3) {
    String s = convRelu(b, rnd, name + ".squeeze", x, in, squeeze, 1, 1, 0);
    String a = convRelu(b, rnd, name + ".expand1x1", s, squeeze, e1, 1, 1, 0);
    String c = convRelu(b, rnd, name + ".expand3x3", s, squeeze, e3, 3, 1, 1);
    return b.op("Concat").name(name + ".concat").inputs(a, c).attr("axis", 1L).out();
  }

  public static ModelProto bertTiny(long seed) {
    return bertTiny(seed, BERT_VOCAB);
  }

  /** BERT-tiny with a chosen vocabulary size (the size only changes the token table). */
  public static ModelProto bertTiny(long seed, int vocab) {
    Random rnd = new Random(seed);
    int seq = BERT_SEQUENCE;
    int hidden = BERT_HIDDEN;
    OnnxBuilder b = new OnnxBuilder("bert_tiny", OPSET);
    String ids = b.input(BERT_INPUT, ElementType.INT64, "N", seq);
    String tokTable = b.initializer("embeddings.word", gaussian(rnd, 1.0, vocab, hidden));
    String posTable = b.initializer("embeddings.position", gaussian(rnd, 1.0, seq, hidden));
    long[] positions = new long[seq];
    for (int i = 0; i < seq; i++) {
      positions[i] = i;
    }
    String posIds = b.initializer("embeddings.position_ids", new LongTensor(Shape.of(seq), positions));
    String tok = b.op("Gather").name("embeddings.word_lookup").inputs(tokTable, ids).out();
    String pos = b.op("Gather").name("embeddings.position_lookup").inputs(posTable, posIds).out();
    String x = b.op("Add").name("embeddings.sum").inputs(tok, pos).out();
    x = layerNorm(b, rnd, "embeddings.norm", x, hidden);

    String headShape = b.initializer("shape.heads", new LongTensor(Shape.of(4),
        new long[] {0, 0, BERT_HEADS, hidden / BERT_HEADS}));
    String mergedShape = b.initializer("shape.merged", new LongTensor(Shape.of(3), new long[] {0, 0, hidden}));
    String scale = b.initializer("const.attention_scale",
        scalar((float) Math.sqrt((double) hidden / BERT_HEADS)));
    String sqrt2 = b.initializer("const.sqrt2", scalar((float) Math.sqrt(2)));
    String one = b.initializer("const.one", scalar(1f));
    String half = b.initializer("const.half", scalar(0.5f));
    for (int l = 0; l < 2; l++) {
      String p = "layer" + l;
      String q = linear(b, rnd, p + ".query", x, hidden, hidden);
      String k = linear(b, rnd, p + ".key", x, hidden, hidden);
      String v = linear(b, rnd, p + ".value", x, hidden, hidden);
      String qh = heads(b, p + ".query", q, headShape, 0, 2, 1, 3);
      String kt = heads(b, p + ".key", k, headShape, 0, 2, 3, 1);
      String vh = heads(b, p + ".value", v, headShape, 0, 2, 1, 3);
      String scores = b.op("MatMul").name(p + ".scores").inputs(qh, kt).out();
      scores = b.op("Div").name(p + ".scaled").inputs(scores, scale).out();
      String probs = b.op("Softmax").name(p + ".attention").inputs(scores).attr("axis", -1L).out();
      String ctx = b.op("MatMul").name(p + ".context").inputs(probs, vh).out();
      ctx = b.op("Transpose").name(p + ".context_t").inputs(ctx).ints("perm", 0, 2, 1, 3).out();
      ctx = b.op("Reshape").name(p + ".context_merged").inputs(ctx, mergedShape).out();
      String attn = linear(b, rnd, p + ".output", ctx, hidden, hidden);
      String x1 = b.op("Add").name(p + ".residual1").inputs(attn, x).out();
      x1 = layerNorm(b, rnd, p + ".norm1", x1, hidden);
      String h = linear(b, rnd, p + ".intermediate", x1, hidden, BERT_FEED_FORWARD);
      String e = b.op("Div").name(p + ".gelu.div").inputs(h, sqrt2).out();
      e = b.op("Erf").name(p + ".gelu.erf").inputs(e).out();
      e = b.op("Add").name(p + ".gelu.add").inputs(e, one).out();
      e = b.op("Mul").name(p + ".gelu.mul").inputs(h, e).out();
      e = b.op("Mul").name(p + ".gelu.half").inputs(e, half).out();
      String f = linear(b, rnd, p + ".ffn_output", e, BERT_FEED_FORWARD, hidden);
      String x2 = b.op("Add").name(p + ".residual2").inputs(f, x1).out();
      x = layerNorm(b, rnd, p + ".norm2", x2, hidden);
    }
    x = b.op("Identity").name(BERT_OUTPUT).inputs(x).out();
    b.output(BERT_OUTPUT, ElementType.FLOAT32, "N", seq, hidden);

    String starts = b.initializer("pool.starts", new LongTensor(Shape.of(1), new long[] {0}));
    String ends = b.initializer("pool.ends", new LongTensor(Shape.of(1), new long[] {1}));
    String axes = b.initializer("pool.axes", new LongTensor(Shape.of(1), new long[] {1}));
    String first = b.op("Slice").name("pool.first_token").inputs(x, starts, ends, axes).out();
    first = b.op("Squeeze").name("pool.squeeze").inputs(first, axes).out();
    String w = b.initializer("pool.dense.weight", uniform(rnd, Math.sqrt(3.0 / hidden), hidden, hidden));
    String bias = b.initializer("pool.dense.bias", uniform(rnd, 0.1, hidden));
    String dense = b.op("Gemm").name("pool.dense").inputs(first, w, bias).attr("transB", 1L).out();
    b.op("Tanh").name(BERT_POOLED).inputs(dense).out();
    b.output(BERT_POOLED, ElementType.FLOAT32, "N", hidden);
    return b.build();
  }

  /** x [N, S, in] times W [in, out] plus bias: MatMul and Add, as exporters write it. */
  private static String linear(OnnxBuilder b, Random rnd, String name, String x, int in, int out) {
    String w = b.initializer(name + ".weight", uniform(rnd, Math.sqrt(3.0 / in), in, out));
    String bias = b.initializer(name + ".bias", uniform(rnd, 0.1, out));
    String y = b.op("MatMul").name(name + ".matmul").inputs(x, w).out();
    return b.op("Add").name(name).inputs(y, bias).out();
  }

  /** [N, S, hidden] to [N, S, heads, d] and then transposed by perm. */
  private static String heads(OnnxBuilder b, String name, String x, String headShape, long... perm) {
    String r = b.op("Reshape").name(name + ".split").inputs(x, headShape).out();
    return b.op("Transpose").name(name + ".heads").inputs(r).ints("perm", perm).out();
  }

  private static String layerNorm(OnnxBuilder b, Random rnd, String name, String x, int hidden) {
    float[] gamma = new float[hidden];
    float[] beta = new float[hidden];
    for (int i = 0; i < hidden; i++) {
      gamma[i] = 1 + 0.1f * (float) rnd.nextGaussian();
      beta[i] = 0.1f * (float) rnd.nextGaussian();
    }
    String g = b.initializer(name + ".gamma", new FloatTensor(Shape.of(hidden), gamma));
    String bt = b.initializer(name + ".beta", new FloatTensor(Shape.of(hidden), beta));
    return b.op("LayerNormalization").name(name).inputs(x, g, bt).attr("axis", -1L).attr("epsilon", 1e-12f).out();
  }

  private static FloatTensor scalar(float v) {
    return new FloatTensor(Shape.scalar(), new float[] {v});
  }

  /** Uniform in [-bound, bound]. */
  public static FloatTensor uniform(Random rnd, double bound, int... dims) {
    Shape s = Shape.of(dims);
    float[] v = new float[s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
    }
    return new FloatTensor(s, v);
  }

  public static FloatTensor gaussian(Random rnd, double std, int... dims) {
    Shape s = Shape.of(dims);
    float[] v = new float[s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * std);
    }
    return new FloatTensor(s, v);
  }
}
