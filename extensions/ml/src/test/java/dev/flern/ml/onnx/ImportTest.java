package dev.flern.ml.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.IdentityNode;
import dev.flern.ml.ir.Interpreter;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.ReshapeNode;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Import details: Constant nodes, constant inputs in their various encodings, node order. */
class ImportTest {
  private final Random rnd = new Random(11);

  private static void assertSameAsOrt(ModelProto m, Map<String, TensorData> inputs) {
    Graph g = OnnxImporter.toGraph(m);
    Tensors.assertAllClose("model", OrtOracle.run(m.toByteArray(), inputs), new Interpreter(g).run(inputs));
  }

  @Test
  void constantNodesFeedShapesAndArithmetic() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, "N", 6);
    String shape = b.op("Constant").name("shape").attr("value", new LongTensor(Shape.of(3), new long[] {0, 3, 2})).out();
    String axes = b.op("Constant").name("axes").ints("value_ints", 1).out();
    String half = b.op("Constant").name("half").attr("value_float", 0.5f).out();
    String scale = b.op("Constant").name("scale").floats("value_floats", 1f, 2f).out();
    String r = b.op("Reshape").name("r").inputs("x", shape).out();
    String m = b.op("Mul").name("m").inputs(r, half).out();
    String s = b.op("Mul").name("s").inputs(m, scale).out();
    String u = b.op("Unsqueeze").name("u").inputs(s, axes).out();
    b.output(u, ElementType.FLOAT32);
    ModelProto model = b.build();
    Graph g = OnnxImporter.toGraph(model);
    assertEquals(Shape.batched(1, 3, 2), g.tensor(u).shape());
    assertArrayEquals(new long[] {0, 3, 2}, ((ReshapeNode) g.nodes().get(0)).shape());
    assertEquals(List.of("half", "scale"), List.copyOf(g.weights().keySet()));
    assertSameAsOrt(model, Map.of("x", Tensors.uniform(rnd, -1, 1, 3, 6)));
  }

  @Test
  void dropoutWithBooleanTrainingModeFalse() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, "N", 3);
    b.initializer("ratio", new FloatTensor(Shape.scalar(), new float[] {0.5f}));
    String y = b.op("Dropout").name("drop").inputs("x", "ratio", "training").out();
    b.output(y, ElementType.FLOAT32);
    ModelProto.Builder m = b.build().toBuilder();
    m.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("training")
        .setDataType(TensorProto.DataType.BOOL_VALUE).setRawData(ByteString.copyFrom(new byte[] {0})));
    Graph g = OnnxImporter.toGraph(m.build());
    assertInstanceOf(IdentityNode.class, g.nodes().get(0));
    assertEquals("Dropout", g.nodes().get(0).opType());
    assertSameAsOrt(m.build(), Map.of("x", Tensors.uniform(rnd, -1, 1, 2, 3)));
  }

  @Test
  void constantsInTypedFieldsAndInt32() {
    // float_data and int32_data instead of raw bytes, as some writers store small tensors.
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, 4, 3);
    String y = b.op("Gather").name("g").inputs("x", "idx").out();
    String z = b.op("Add").name("a").inputs(y, "bias").out();
    b.output(z, ElementType.FLOAT32);
    ModelProto.Builder m = b.build().toBuilder();
    m.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("idx")
        .setDataType(TensorProto.DataType.INT32_VALUE).addDims(2).addInt32Data(3).addInt32Data(-4));
    m.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("bias")
        .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(3).addFloatData(1).addFloatData(2).addFloatData(3));
    FloatTensor x = Tensors.uniform(rnd, -1, 1, 4, 3);
    assertSameAsOrt(m.build(), Map.of("x", x));
    float[] out = ((FloatTensor) new Interpreter(OnnxImporter.toGraph(m.build())).run(Map.of("x", x)).get(z)).values();
    assertEquals(x.values()[9] + 1, out[0], 1e-6); // row 3, column 0, plus bias 1
    assertEquals(x.values()[0] + 1, out[3], 1e-6); // row -4 = row 0
  }

  @Test
  void reduceMeanNoopWithEmptyAxes() {
    // ONNX Runtime 1.20 fails on this node ("Reduction on all axes, output size should be 1"), so
    // the expectation is written here: with noop_with_empty_axes and no axes, ReduceMean is Identity.
    OnnxBuilder b = new OnnxBuilder("m", 18);
    b.input("x", ElementType.FLOAT32, 2, 3);
    b.output(b.op("ReduceMean").name("mean").inputs("x").attr("noop_with_empty_axes", 1L).out(), ElementType.FLOAT32);
    Graph g = OnnxImporter.toGraph(b.build());
    assertInstanceOf(IdentityNode.class, g.nodes().get(0));
    assertEquals("ReduceMean", g.nodes().get(0).opType());
    FloatTensor x = new FloatTensor(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 9});
    FloatTensor y = (FloatTensor) new Interpreter(g).run(Map.of("x", x)).get("mean");
    assertEquals(Shape.of(2, 3), y.shape());
    assertArrayEquals(x.values(), y.values());
  }

  @Test
  void nodesOutOfOrderAndInitializersListedAsInputs() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, "N", 4);
    b.initializer("w", Tensors.uniform(rnd, -1, 1, 4, 2));
    String h = b.op("MatMul").name("mm").inputs("x", "w").out();
    String y = b.op("Relu").name("relu").inputs(h).out();
    b.output(y, ElementType.FLOAT32);
    ModelProto m = b.build();
    GraphProto.Builder g = m.getGraph().toBuilder();
    List<NodeProto> nodes = new ArrayList<>(g.getNodeList());
    Collections.reverse(nodes);
    g.clearNode().addAllNode(nodes);
    // The way exporters before IR 4 wrote weights: also as graph inputs.
    g.addInput(m.getGraph().getInput(0).toBuilder().setName("w").setType(m.getGraph().getInput(0).getType()
        .toBuilder().setTensorType(m.getGraph().getInput(0).getType().getTensorType().toBuilder()
            .setShape(ai.onnx.proto.OnnxMl.TensorShapeProto.newBuilder()
                .addDim(ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(4))
                .addDim(ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(2))))));
    Graph graph = OnnxImporter.toGraph(m.toBuilder().setGraph(g).build());
    assertEquals(List.of("x"), graph.inputs().stream().map(t -> t.name()).toList());
    assertEquals(List.of("mm", "relu"), graph.nodes().stream().map(n -> n.name()).toList());
    assertTrue(graph.weights().containsKey("w"));
    assertSameAsOrt(m, Map.of("x", Tensors.uniform(rnd, -1, 1, 3, 4)));
  }

  @Test
  void unnamedNodesGetNames() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, 2);
    b.output(b.op("Relu").inputs("x").out(), ElementType.FLOAT32);
    ModelProto.Builder mb = b.build().toBuilder();
    mb.getGraphBuilder().getNodeBuilder(0).clearName();
    Graph g = OnnxImporter.toGraph(mb.build());
    assertEquals("Relu_0", g.nodes().get(0).name());
  }
}
