package dev.flern.ml.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.GemmNode;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.onnx.OnnxBuilder;
import dev.flern.ml.onnx.OnnxImporter;
import dev.flern.ml.models.TestModels;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gemm's beta and a broadcast C become a plain per-column bias; the model computes the same. */
class NormalizeGemmTest {
  /** x [N, 5] → Gemm(beta 1.5, C [N-less 4]) → Gemm(alpha 0.5, beta -2, scalar C) → y [N, 3]. */
  static ModelProto model(Random r) {
    OnnxBuilder b = new OnnxBuilder("gemms", 13);
    String x = b.input("x", ElementType.FLOAT32, "N", 5);
    String w1 = b.initializer("w1", TestModels.uniform(r, 0.5, 4, 5));
    String c1 = b.initializer("c1", TestModels.uniform(r, 0.5, 1, 4));
    String h = b.op("Gemm").name("g1").inputs(x, w1, c1).attr("transB", 1L).attr("beta", 1.5f).out();
    String w2 = b.initializer("w2", TestModels.uniform(r, 0.5, 4, 3));
    String c2 = b.initializer("c2", new FloatTensor(Shape.of(), new float[] {0.25f}));
    b.op("Gemm").name("y").inputs(h, w2, c2).attr("alpha", 0.5f).attr("beta", -2f).out();
    b.output("y", ElementType.FLOAT32, "N", 3);
    return b.build();
  }

  @Test
  void betaAndBroadcastBiasesAreFoldedIntoPerColumnBiases() {
    long seed = new Random().nextLong();
    ModelProto m = model(new Random(seed));
    Graph g = OnnxImporter.toGraph(m);
    Graph n = NormalizeGemm.apply(g);
    for (var node : n.nodes()) {
      GemmNode gm = (GemmNode) node;
      assertEquals(1.0f, gm.beta(), gm.name());
      assertEquals(Shape.of(n.tensor(gm.output()).shape().dim(1)), n.weights().get(gm.c().orElseThrow()).data().shape());
    }
    assertSame(n, NormalizeGemm.apply(n), "a normalised graph is left as it is");
    // Compiled (ModelCompiler normalises first) against ONNX Runtime.
    FloatTensor x = Tensors.uniform(new Random(seed), -2, 2, 6, 5);
    Map<String, TensorData> want = OrtOracle.run(m.toByteArray(), Map.of("x", x));
    try (FlernModel fm = FlernModel.fromGraph(g)) {
      Tensors.assertAllClose("gemms (seed " + seed + ")", want, fm.runAll(x));
    }
  }
}
