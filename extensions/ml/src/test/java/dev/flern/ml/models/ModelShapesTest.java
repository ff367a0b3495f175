package dev.flern.ml.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.ml.ir.ConvNode;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.MaxPoolNode;
import dev.flern.ml.ir.Node;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.onnx.OnnxImporter;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shape inference on the three test models, symbolic (N) and with a concrete batch. */
class ModelShapesTest {

  private static Shape n(int... rest) {
    return Shape.batched(rest);
  }

  @Test
  void mlp() {
    Graph g = OnnxImporter.toGraph(TestModels.mlp(1));
    assertEquals(n(32), g.tensor("x").shape());
    assertEquals(n(256), g.tensor("fc1").shape());
    assertEquals(n(256), g.tensor("relu2").shape());
    assertEquals(n(2), g.tensor("fc3").shape());
    assertEquals(new TensorInfo("probs", ElementType.FLOAT32, n(2)), g.outputs().get(0));
    assertEquals(6, g.nodes().size());
    assertEquals(6, g.weights().size());
    assertEquals(Shape.of(256, 32), g.weights().get("fc1.weight").data().shape());
    Graph four = g.withBatch(4);
    assertFalse(four.hasBatch());
    assertEquals(Shape.of(4, 2), four.tensor("probs").shape());
    assertEquals(Shape.of(4, 256), four.tensor("fc2").shape());
  }

  @Test
  void squeezeNet() {
    Graph g = OnnxImporter.toGraph(TestModels.squeezeNet(2));
    Map<String, Shape> s = g.tensors().values().stream().collect(Collectors.toMap(TensorInfo::name, TensorInfo::shape));
    assertEquals(n(3, 64, 64), s.get("image"));
    assertEquals(n(64, 31, 31), s.get("conv1.relu"));
    assertEquals(n(64, 15, 15), s.get("pool1"));
    assertEquals(n(16, 15, 15), s.get("fire2.squeeze.relu"));
    assertEquals(n(64, 15, 15), s.get("fire2.expand3x3.relu"));
    assertEquals(n(128, 15, 15), s.get("fire2.concat"));
    assertEquals(n(128, 7, 7), s.get("pool3"));
    assertEquals(n(256, 7, 7), s.get("fire5.concat"));
    assertEquals(n(256, 3, 3), s.get("pool5"));
    assertEquals(n(384, 3, 3), s.get("fire7.concat"));
    assertEquals(n(512, 3, 3), s.get("fire9.concat"));
    assertEquals(n(512, 3, 3), s.get("drop"));
    assertEquals(n(1000, 3, 3), s.get("conv10.relu"));
    assertEquals(n(1000, 1, 1), s.get("gap"));
    assertEquals(n(1000), s.get("logits"));
    assertEquals(n(1000), s.get("probs"));
    assertEquals(Shape.of(2, 1000, 3, 3), g.withBatch(2).tensor("conv10").shape());

    // Attributes resolved to typed values.
    ConvNode conv1 = (ConvNode) node(g, "conv1");
    assertEquals("[3, 3] [0, 0, 0, 0] [2, 2] [1, 1] 1", java.util.Arrays.toString(conv1.window().kernel()) + " "
        + java.util.Arrays.toString(conv1.window().pads()) + " " + java.util.Arrays.toString(conv1.window().strides()) + " "
        + java.util.Arrays.toString(conv1.window().dilations()) + " " + conv1.group());
    assertTrue(conv1.bias().isPresent());
    ConvNode expand = (ConvNode) node(g, "fire9.expand3x3");
    assertEquals("[1, 1, 1, 1]", java.util.Arrays.toString(expand.window().pads()));
    assertTrue(((MaxPoolNode) node(g, "pool3")).ceilMode());
    // 26 convolutions (conv1, 8 fires × 3, conv10), 3 pools, 8 concats.
    assertEquals(26, g.nodes().stream().filter(x -> x instanceof ConvNode).count());
    assertEquals(52, g.weights().size());
  }

  @Test
  void bertTiny() {
    Graph g = OnnxImporter.toGraph(TestModels.bertTiny(3, 512));
    Map<String, TensorInfo> t = g.tensors();
    assertEquals(new TensorInfo("input_ids", ElementType.INT64, n(64)), t.get("input_ids"));
    assertEquals(n(64, 128), t.get("embeddings.word_lookup").shape());
    assertEquals(Shape.of(64, 128), t.get("embeddings.position_lookup").shape());
    assertEquals(n(64, 128), t.get("embeddings.sum").shape());
    for (String l : new String[] {"layer0", "layer1"}) {
      assertEquals(n(64, 128), t.get(l + ".query").shape());
      assertEquals(n(64, 2, 64), t.get(l + ".query.split").shape());
      assertEquals(n(2, 64, 64), t.get(l + ".query.heads").shape());
      assertEquals(n(2, 64, 64), t.get(l + ".key.heads").shape());
      assertEquals(n(2, 64, 64), t.get(l + ".scores").shape());
      assertEquals(n(2, 64, 64), t.get(l + ".attention").shape());
      assertEquals(n(2, 64, 64), t.get(l + ".context").shape());
      assertEquals(n(64, 2, 64), t.get(l + ".context_t").shape());
      assertEquals(n(64, 128), t.get(l + ".context_merged").shape());
      assertEquals(n(64, 512), t.get(l + ".intermediate").shape());
      assertEquals(n(64, 512), t.get(l + ".gelu.half").shape());
      assertEquals(n(64, 128), t.get(l + ".norm2").shape());
    }
    assertEquals(n(1, 128), t.get("pool.first_token").shape());
    assertEquals(n(128), t.get("pool.squeeze").shape());
    assertEquals(n(128), t.get("pooler_output").shape());
    assertEquals(n(64, 128), t.get("last_hidden_state").shape());
    assertEquals(Shape.of(3, 2, 64, 64), g.withBatch(3).tensor("layer1.scores").shape());
    // Shape constants were folded into the Reshape nodes and dropped from the weights.
    assertFalse(g.weights().containsKey("shape.heads"));
    assertFalse(g.weights().containsKey("pool.starts"));
    assertTrue(g.weights().containsKey("embeddings.position_ids"));
  }

  private static Node node(Graph g, String name) {
    return g.nodes().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }
}
