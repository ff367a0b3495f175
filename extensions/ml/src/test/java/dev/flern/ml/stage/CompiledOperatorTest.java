package dev.flern.ml.stage;

import static dev.flern.ml.Tensors.longs;
import static dev.flern.ml.Tensors.of;
import static dev.flern.ml.Tensors.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.FlernException;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.onnx.OnnxBuilder;
import dev.flern.ml.onnx.OnnxImporter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every operator of the compiled path against ONNX Runtime. One C++ compile per model, so the
 * operators are grouped into four multi-node models (element-wise, linear, convolution and pooling,
 * shape operators) whose intermediate tensors are graph outputs; each model runs at batch 1 and 3
 * on fresh random inputs, max relative error 1e-4 (int64 outputs: equal).
 */
class CompiledOperatorTest {
  private static final float[] ONE = {1.5f};
  private final Random r = new Random();

  private static void check(String what, OnnxBuilder b, int... inputDims) {
    ModelProto m = b.build();
    try (FlernModel fm = FlernModel.fromGraph(OnnxImporter.toGraph(m))) {
      for (int batch : new int[] {1, 3}) {
        int[] dims = inputDims.clone();
        dims[0] = batch;
        long seed = new Random().nextLong();
        FloatTensor x = uniform(new Random(seed), -2, 2, dims);
        Map<String, TensorData> theirs = OrtOracle.run(m.toByteArray(), Map.of("x", x));
        Tensors.assertAllClose(what + " batch " + batch + " seed " + seed, theirs, fm.runAll(x));
      }
    }
  }

  private static OnnxBuilder model(String name, Object... inputDims) {
    OnnxBuilder b = new OnnxBuilder(name, 20);
    b.input("x", ElementType.FLOAT32, inputDims);
    return b;
  }

  private static void outputs(OnnxBuilder b, String... names) {
    for (String n : names) b.output(n, ElementType.FLOAT32);
  }

  @Test
  void elementwise() {
    OnnxBuilder b = model("elementwise", "N", 3, 4, 5);
    String a1 = b.op("Add").inputs("x", b.initializer("c5", uniform(r, -1, 1, 5))).out();
    String a2 = b.op("Sub").inputs(a1, b.initializer("c41", uniform(r, -1, 1, 4, 1))).out();
    String a3 = b.op("Mul").inputs(a2, b.initializer("cs", of(ONE))).out();
    String a4 = b.op("Div").inputs(a3, b.initializer("c311", uniform(r, 0.5f, 2, 3, 1, 1))).out();
    String re = b.op("Relu").inputs(a4).out();
    String sg = b.op("Sigmoid").inputs(a4).out();
    String th = b.op("Tanh").inputs(a4).out();
    String lr = b.op("LeakyRelu").inputs(a4).attr("alpha", 0.2f).out();
    String cl = b.op("Clip").inputs(a4, b.initializer("lo", of(new float[] {-0.5f})), b.initializer("hi", of(new float[] {0.7f}))).out();
    String cm = b.op("Clip").inputs(a4, b.initializer("lo2", of(new float[] {-0.25f})), "").out();
    String er = b.op("Erf").inputs(a4).out();
    String sq = b.op("Sqrt").inputs(sg).out();
    String p2 = b.op("Pow").inputs(th, b.initializer("two", of(new float[] {2f}))).out();
    // The base kept in [0.5, 1.5]: a sigmoid near 0 raised to a negative power would magnify the last
    // bits of either engine's sigmoid past the tolerance (1e-3 to the power -2 is 1e6).
    String base = b.op("Add").inputs(sg, b.initializer("half", of(new float[] {0.5f}))).out();
    String pw = b.op("Pow").inputs(base, b.initializer("ex", uniform(r, -2, 2, 5))).out();
    String ge = b.op("Gelu").inputs(a4).out();
    String sm = b.op("Softmax").inputs(a4).attr("axis", -1L).out();
    String sm1 = b.op("Softmax").inputs(a4).attr("axis", 1L).out();
    String ln = b.op("LayerNormalization").inputs(a4, b.initializer("g5", uniform(r, 0.5f, 1.5f, 5)),
        b.initializer("b5", uniform(r, -1, 1, 5))).attr("axis", -1L).out();
    String ln2 = b.op("LayerNormalization").inputs(a4, b.initializer("g45", uniform(r, 0.5f, 1.5f, 4, 5)))
        .attr("axis", -2L).attr("epsilon", 1e-3f).out();
    String res = b.op("Add").inputs(re, th).out();
    String id = b.op("Identity").inputs(res).out();
    outputs(b, a1, a2, a3, a4, re, sg, th, lr, cl, cm, er, sq, p2, pw, ge, sm, sm1, ln, ln2, id);
    check("element-wise", b, 0, 3, 4, 5);
  }

  @Test
  void linearBatchNormArgMax() {
    OnnxBuilder b = model("linear", "N", 6);
    String g1 = b.op("Gemm").inputs("x", b.initializer("w1", uniform(r, -1, 1, 4, 6)), b.initializer("c1", uniform(r, -1, 1, 4)))
        .attr("transB", 1L).attr("alpha", 0.5f).out();
    String g1r = b.op("Relu").inputs(g1).out();
    String m1 = b.op("MatMul").inputs(g1r, b.initializer("w2", uniform(r, -1, 1, 4, 5))).out();
    String m1b = b.op("Add").inputs(m1, b.initializer("b2", uniform(r, -1, 1, 5))).out();
    String s1 = b.op("Sigmoid").inputs(m1b).out();
    String g2 = b.op("Gemm").inputs(s1, b.initializer("w3", uniform(r, -1, 1, 5, 3))).out();
    String lr2 = b.op("LeakyRelu").inputs(g2).attr("alpha", 0.1f).out();
    String bn = b.op("BatchNormalization").inputs(lr2, b.initializer("bs", uniform(r, 0.5f, 2, 3)),
        b.initializer("bb", uniform(r, -1, 1, 3)), b.initializer("bm", uniform(r, -1, 1, 3)),
        b.initializer("bv", uniform(r, 0.1f, 2, 3))).attr("epsilon", 1e-3f).out();
    String am = b.op("ArgMax").inputs(bn).attr("axis", 1L).attr("keepdims", 0L).out();
    String am2 = b.op("ArgMax").inputs(bn).attr("axis", -1L).attr("select_last_index", 1L).out();
    String sm = b.op("Softmax").inputs(bn).out();
    b.output(am, ElementType.INT64);
    b.output(am2, ElementType.INT64);
    outputs(b, g1r, m1b, s1, lr2, bn, sm);
    check("linear", b, 0, 6);
  }

  @Test
  void convolutionsAndPools() {
    OnnxBuilder b = model("conv", "N", 3, 9, 9);
    String c1 = b.op("Conv").inputs("x", b.initializer("w1", uniform(r, -1, 1, 8, 3, 3, 3)), b.initializer("b1", uniform(r, -1, 1, 8)))
        .ints("pads", 1, 1, 1, 1).out();
    String bn = b.op("BatchNormalization").inputs(c1, b.initializer("bs", uniform(r, 0.5f, 2, 8)),
        b.initializer("bb", uniform(r, -1, 1, 8)), b.initializer("bm", uniform(r, -1, 1, 8)),
        b.initializer("bv", uniform(r, 0.1f, 2, 8))).out();
    String r1 = b.op("Relu").inputs(bn).out();
    String mp = b.op("MaxPool").inputs(r1).ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("ceil_mode", 1L).out();
    String c2 = b.op("Conv").inputs(mp, b.initializer("w2", uniform(r, -1, 1, 8, 4, 3, 3))).ints("pads", 1, 1, 1, 1)
        .attr("group", 2L).out();
    String t2 = b.op("Tanh").inputs(c2).out();
    String ap = b.op("AveragePool").inputs(t2).ints("kernel_shape", 2, 2).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
        .attr("count_include_pad", 1L).out();
    String dw = b.op("Conv").inputs(ap, b.initializer("w3", uniform(r, -1, 1, 8, 1, 3, 3))).ints("pads", 1, 1, 1, 1)
        .attr("group", 8L).out();
    String c3 = b.op("Conv").inputs(dw, b.initializer("w4", uniform(r, -1, 1, 6, 8, 1, 1))).out();
    String c4 = b.op("Conv").inputs(dw, b.initializer("w5", uniform(r, -1, 1, 4, 8, 3, 3)), b.initializer("b5", uniform(r, -1, 1, 4)))
        .ints("pads", 1, 1, 1, 1).ints("dilations", 1, 1).out();
    String l4 = b.op("LeakyRelu").inputs(c4).attr("alpha", 0.3f).out();
    String cat = b.op("Concat").inputs(c3, l4).attr("axis", 1L).out();
    String ap2 = b.op("AveragePool").inputs(cat).ints("kernel_shape", 2, 2).ints("pads", 0, 0, 1, 1).out();
    String mp2 = b.op("MaxPool").inputs(cat).ints("kernel_shape", 2, 2).ints("dilations", 2, 2).out();
    String gap = b.op("GlobalAveragePool").inputs(cat).out();
    String fl = b.op("Flatten").inputs(gap).out();
    outputs(b, r1, mp, t2, ap, dw, cat, ap2, mp2, fl);
    check("conv", b, 0, 3, 9, 9);
  }

  @Test
  void shapeOperators() {
    OnnxBuilder b = model("shapes", "N", 4, 6, 8);
    String tr = b.op("Transpose").inputs("x").ints("perm", 0, 2, 1, 3).out();
    String rs = b.op("Reshape").inputs(tr, b.initializer("shape", longs(new long[] {0, 6, 32}, 3))).out();
    String sl = b.op("Slice").inputs(rs, b.initializer("st", longs(new long[] {1, 2}, 2)),
        b.initializer("en", longs(new long[] {5, -3}, 2)), b.initializer("ax", longs(new long[] {1, 2}, 2)),
        b.initializer("sp", longs(new long[] {2, 3}, 2))).out();
    String sl2 = b.op("Slice").inputs(rs, b.initializer("st2", longs(new long[] {0, 0}, 2)),
        b.initializer("en2", longs(new long[] {2, 5}, 2)), b.initializer("ax2", longs(new long[] {-2, -1}, 2))).out();
    String sl3 = b.op("Slice").inputs(rs, b.initializer("st3", longs(new long[] {-3}, 1)),
        b.initializer("en3", longs(new long[] {Long.MAX_VALUE}, 1)), b.initializer("ax3", longs(new long[] {2}, 1))).out();
    String cat = b.op("Concat").inputs(sl, sl2).attr("axis", 2L).out();
    String us = b.op("Unsqueeze").inputs(cat, b.initializer("ua", longs(new long[] {1}, 1))).out();
    String sq = b.op("Squeeze").inputs(us, b.initializer("sa", longs(new long[] {1}, 1))).out();
    String rm = b.op("ReduceMean").inputs(sq, b.initializer("ra", longs(new long[] {2}, 1))).attr("keepdims", 1L).out();
    String xt = b.op("Transpose").inputs("x").ints("perm", 0, 1, 3, 2).out();
    String mm = b.op("MatMul").inputs("x", xt).out();
    String am = b.op("ArgMax").inputs(mm).attr("axis", 3L).attr("keepdims", 0L).out();
    String fl = b.op("Flatten").inputs(mm).attr("axis", 1L).out();
    outputs(b, tr, sl, sl3, cat, sq, rm, mm, fl);
    b.output(am, ElementType.INT64);
    check("shape operators", b, 0, 4, 6, 8);
  }

  /** An operator or attribute the importer accepts but the compiled path does not: named in the error. */
  @Test
  void unsupportedOperatorIsNamed() {
    List<OnnxBuilder> models = List.of(geluTanh(), softmaxOverBatch());
    List<String> expected = List.of("Gelu node 'gelu_tanh'", "Softmax node 'batch_softmax'");
    for (int k = 0; k < models.size(); k++) {
      ModelProto m = models.get(k).build();
      FlernException e = assertThrows(FlernException.class, () -> FlernModel.fromGraph(OnnxImporter.toGraph(m)).close());
      assertTrue(e.getMessage().contains(expected.get(k)) && e.getMessage().contains("not supported"), e.getMessage());
    }
  }

  private static OnnxBuilder geluTanh() {
    OnnxBuilder b = model("gelu", "N", 4);
    outputs(b, b.op("Gelu").name("gelu_tanh").inputs("x").attr("approximate", "tanh").out());
    return b;
  }

  private static OnnxBuilder softmaxOverBatch() {
    OnnxBuilder b = model("softmax", "N", 4);
    outputs(b, b.op("Softmax").name("batch_softmax").inputs("x").attr("axis", 0L).out());
    return b;
  }
}
