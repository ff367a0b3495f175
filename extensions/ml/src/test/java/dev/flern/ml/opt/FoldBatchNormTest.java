package dev.flern.ml.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.BatchNormNode;
import dev.flern.ml.ir.ConvNode;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.onnx.OnnxBuilder;
import dev.flern.ml.onnx.OnnxImporter;
import dev.flern.ml.stage.ModelCompiler;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conv → BatchNormalization (→ Relu) folded into the Conv's weights, against ONNX Runtime. */
class FoldBatchNormTest {
  private static final int C = 5, M = 12, H = 9, W = 11;

  /**
   * x [N, 5, 9, 11] → Conv 3×3 pad 1 (with or without bias) → BatchNormalization → Relu, then a
   * second Conv → BatchNormalization whose input is also read by another node (not foldable).
   */
  static ModelProto model(long seed, boolean convBias) {
    Random rnd = new Random(seed);
    OnnxBuilder b = new OnnxBuilder("conv_bn", 17);
    String x = b.input("x", ElementType.FLOAT32, "N", C, H, W);
    String w = b.initializer("w", Tensors.uniform(rnd, -0.5f, 0.5f, M, C, 3, 3));
    var conv = b.op("Conv").name("conv").ints("kernel_shape", 3, 3).ints("pads", 1, 1, 1, 1);
    String y = convBias ? conv.inputs(x, w, b.initializer("wb", Tensors.uniform(rnd, -1, 1, M))).out() : conv.inputs(x, w).out();
    y = batchNorm(b, rnd, "bn", y);
    y = b.op("Relu").name("relu").inputs(y).out();
    String w2 = b.initializer("w2", Tensors.uniform(rnd, -0.5f, 0.5f, M, M, 1, 1));
    String z = b.op("Conv").name("conv2").inputs(y, w2).ints("kernel_shape", 1, 1).out();
    String zn = batchNorm(b, rnd, "bn2", z);
    // conv2's output is read twice: the second BatchNormalization stays.
    b.op("Add").name("out").inputs(zn, z).out();
    b.output("out", ElementType.FLOAT32, "N", M, H, W);
    return b.build();
  }

  private static String batchNorm(OnnxBuilder b, Random rnd, String name, String x) {
    String gamma = b.initializer(name + ".scale", Tensors.uniform(rnd, 0.5f, 2f, M));
    String beta = b.initializer(name + ".bias", Tensors.uniform(rnd, -1, 1, M));
    String mean = b.initializer(name + ".mean", Tensors.uniform(rnd, -1, 1, M));
    String var = b.initializer(name + ".var", Tensors.uniform(rnd, 0.2f, 3f, M));
    return b.op("BatchNormalization").name(name).inputs(x, gamma, beta, mean, var).attr("epsilon", 1e-3f).out();
  }

  @Test
  void theFoldableBatchNormIsGone() {
    Graph g = OnnxImporter.toGraph(model(1, true));
    assertEquals(2, FoldBatchNorm.batchNorms(g));
    Graph folded = FoldBatchNorm.apply(g);
    assertEquals(1, FoldBatchNorm.batchNorms(folded));
    // The kept one is bn2 (its input has another reader); conv now writes bn's output with a bias.
    assertTrue(folded.nodes().stream().anyMatch(n -> n instanceof BatchNormNode bn && bn.name().equals("bn2")));
    ConvNode conv = (ConvNode) folded.nodes().stream().filter(n -> n.name().equals("conv")).findFirst().orElseThrow();
    assertTrue(conv.bias().isPresent());
    assertEquals("bn", g.nodes().stream().filter(n -> n instanceof BatchNormNode).findFirst().orElseThrow().name());
    assertTrue(folded.nodes().stream().noneMatch(n -> n.name().equals("bn")));
    // The original conv weight is no longer part of the graph; the folded one is.
    assertTrue(!folded.weights().containsKey("w") && folded.weights().containsKey(conv.weight()));
  }

  @Test
  void convBatchNormReluHasNoBatchNormAfterTheRewrite() {
    Random rnd = new Random(3);
    OnnxBuilder b = new OnnxBuilder("conv_bn_relu", 17);
    String x = b.input("x", ElementType.FLOAT32, "N", C, H, W);
    String w = b.initializer("w", Tensors.uniform(rnd, -0.5f, 0.5f, M, C, 3, 3));
    String y = b.op("Conv").name("conv").inputs(x, w).ints("kernel_shape", 3, 3).ints("pads", 1, 1, 1, 1).out();
    y = batchNorm(b, rnd, "bn", y);
    String r = b.op("Relu").name("relu").inputs(y).out();
    b.output(r, ElementType.FLOAT32, "N", M, H, W);
    Graph g = OnnxImporter.toGraph(b.build());
    Graph folded = FoldBatchNorm.apply(g);
    assertEquals(1, FoldBatchNorm.batchNorms(g));
    assertEquals(0, FoldBatchNorm.batchNorms(folded));
    assertTrue(folded.nodes().stream().noneMatch(n -> n.opType().equals("BatchNormalization")));
    assertEquals(List.of("Conv", "Relu"), folded.nodes().stream().map(n -> n.opType()).toList());
    assertEquals(g.outputs(), folded.outputs());
  }

  @Test
  void aGraphWithoutConvBatchNormIsUnchanged() {
    OnnxBuilder b = new OnnxBuilder("plain", 17);
    String x = b.input("x", ElementType.FLOAT32, "N", 4);
    b.op("Relu").name("r").inputs(x).out();
    b.output("r", ElementType.FLOAT32, "N", 4);
    Graph g = OnnxImporter.toGraph(b.build());
    assertSame(g, FoldBatchNorm.apply(g));
  }

  @ParameterizedTest(name = "fold {0}")
  @ValueSource(booleans = {true, false})
  void matchesOnnxRuntimeWithTheRewriteOnAndOff(boolean fold) {
    String before = System.getProperty(ModelCompiler.FOLD_BATCH_NORM);
    System.setProperty(ModelCompiler.FOLD_BATCH_NORM, Boolean.toString(fold));
    try {
      for (boolean convBias : new boolean[] {true, false}) {
        ModelProto proto = model(fold ? 7 : 8, convBias);
        Graph g = OnnxImporter.toGraph(proto);
        // The staged program has no batch_norm call exactly when folding is on... except bn2's.
        long calls = ModelCompiler.compile(g).source().lines().filter(l -> l.contains("flern::ml::batch_norm<")).count();
        assertEquals(fold ? 1 : 2, calls);
        try (FlernModel m = FlernModel.fromGraph(g)) {
          for (int batch : new int[] {1, 3}) {
            FloatTensor x = Tensors.uniform(new Random(batch), -2, 2, batch, C, H, W);
            float[] ours = m.run(x.values(), batch);
            TensorData theirs = OrtOracle.run(proto.toByteArray(), Map.of("x", x)).get("out");
            Tensors.assertClose("fold " + fold + " bias " + convBias + " batch " + batch, theirs,
                new FloatTensor(theirs.shape(), ours));
          }
        }
      }
    } finally {
      if (before == null) System.clearProperty(ModelCompiler.FOLD_BATCH_NORM);
      else System.setProperty(ModelCompiler.FOLD_BATCH_NORM, before);
    }
  }
}
