package dev.flern.ml.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.flern.FlernException;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.Shape;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Models the importer must refuse, each with a message naming what and where. */
class ValidationTest {

  private static FloatTensor zeros(int... dims) {
    return FloatTensor.zeros(Shape.of(dims));
  }

  private static String error(ModelProto m) {
    return assertThrows(FlernException.class, () -> OnnxImporter.toGraph(m)).getMessage();
  }

  /** x [N, 4] through the node(s) the consumer adds; the consumer returns the output. */
  private static ModelProto model(int opset, java.util.function.Function<OnnxBuilder, String> body) {
    OnnxBuilder b = new OnnxBuilder("m", opset);
    b.input("x", ElementType.FLOAT32, "N", 4);
    b.output(body.apply(b), ElementType.FLOAT32);
    return b.build();
  }

  @Test
  void unsupportedOperatorNamesOperatorAndNode() {
    String msg = error(model(17, b -> b.op("Shape").name("shape_of_x").inputs("x").out()));
    assertTrue(msg.startsWith("unsupported operator Shape in node 'shape_of_x'"), msg);
    assertTrue(msg.contains("supported: Gemm, MatMul"), msg);
  }

  @Test
  void otherDomainsAreRejected() {
    String msg = error(model(17, b -> b.op("FastGelu").domain("com.microsoft").name("fg").inputs("x").out()));
    assertEquals("unsupported operator com.microsoft:FastGelu in node 'fg' (only the default ONNX domain is supported)",
        msg);
  }

  @Test
  void opsetOutsideThirteenToTwenty() {
    assertEquals("the model uses opset 12 of the default ONNX domain; supported are opsets 13 to 20",
        error(model(12, b -> b.op("Relu").inputs("x").out())));
    assertEquals("the model uses opset 21 of the default ONNX domain; supported are opsets 13 to 20",
        error(model(21, b -> b.op("Relu").inputs("x").out())));
    ModelProto none = model(17, b -> b.op("Relu").inputs("x").out()).toBuilder().clearOpsetImport().build();
    assertEquals("the model imports no opset of the default ONNX domain", error(none));
  }

  @Test
  void unsupportedAttributeValue() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("img", ElementType.FLOAT32, "N", 3, 8, 8);
    b.initializer("w", zeros(4, 3, 3, 3));
    String y = b.op("Conv").name("conv_same").inputs("img", "w").attr("auto_pad", "SAME_UPPER").out();
    b.output(y, ElementType.FLOAT32);
    String msg = error(b.build());
    assertEquals("Conv node 'conv_same': attribute auto_pad = SAME_UPPER is not supported (supported: NOTSET (with"
        + " explicit pads) or VALID)", msg);
  }

  @Test
  void unknownAttribute() {
    String msg = error(model(17, b -> b.op("Relu").name("r").inputs("x").attr("fancy", 1L).out()));
    assertEquals("Relu node 'r': unsupported attribute 'fancy'", msg);
  }

  @Test
  void otherAttributeValues() {
    assertTrue(error(model(17, b -> b.op("Gelu").name("g").inputs("x").out()))
        .startsWith("Gelu node 'g': Gelu is an operator of opset 20"));
    assertTrue(error(model(20, b -> b.op("Gelu").name("g").inputs("x").attr("approximate", "erf").out()))
        .startsWith("Gelu node 'g': attribute approximate = erf is not supported"));
    assertTrue(error(model(16, b -> b.op("LayerNormalization").name("ln").inputs("x", b.initializer("s", zeros(4)))
        .out())).startsWith("LayerNormalization node 'ln': LayerNormalization needs opset 17"));
    String training = error(model(17, b -> b.op("BatchNormalization").name("bn").inputs("x",
        b.initializer("s", zeros(4)), b.initializer("b", zeros(4)), b.initializer("m", zeros(4)),
        b.initializer("v", zeros(4))).attr("training_mode", 1L).out()));
    assertEquals("BatchNormalization node 'bn': attribute training_mode = 1 is not supported (supported: 0"
        + " (inference))", training);
    String conv1d = error(model(17, b -> b.op("Conv").name("c1").inputs("x", b.initializer("w", zeros(2, 4, 1)))
        .out()));
    assertTrue(conv1d.startsWith("Conv node 'c1': only 2-D windows on 4-D NCHW inputs"), conv1d);
  }

  @Test
  void nonFloatTensorsWhereFloatIsRequired() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("ids", ElementType.INT64, "N", 4);
    b.initializer("one", new LongTensor(Shape.scalar(), new long[] {1}));
    String y = b.op("Add").name("add_ids").inputs("ids", "one").out();
    b.output(y, ElementType.INT64);
    assertEquals("Add node 'add_ids': input 'ids' is INT64, but a FLOAT32 tensor is required", error(b.build()));

    // A DOUBLE initializer.
    ModelProto m = model(17, bb -> bb.op("Add").name("add").inputs("x", "d").out());
    ModelProto.Builder mb = m.toBuilder();
    mb.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("d")
        .setDataType(TensorProto.DataType.DOUBLE_VALUE).addDims(4).addDoubleData(1).addDoubleData(2)
        .addDoubleData(3).addDoubleData(4));
    assertEquals("initializer 'd' has element type DOUBLE; only FLOAT and INT64 tensors are supported",
        error(mb.build()));

    // An INT32 graph input.
    ModelProto.Builder ib = model(17, bb -> bb.op("Relu").inputs("x").out()).toBuilder();
    ib.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder()
        .setElemType(TensorProto.DataType.INT32_VALUE);
    assertEquals("graph input 'x' has element type INT32; only FLOAT and INT64 tensors are supported",
        error(ib.build()));
  }

  @Test
  void missingInitializer() {
    String msg = error(model(17, b -> b.op("Gemm").name("fc").inputs("x", "fc.weight").out()));
    assertEquals("Gemm node 'fc' reads 'fc.weight', which is neither a graph input, an initializer nor the output of"
        + " a node (missing initializer?)", msg);
  }

  @Test
  void dynamicShapesOtherThanTheBatch() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, "N", "seq", 4);
    b.output(b.op("Relu").inputs("x").out(), ElementType.FLOAT32);
    assertEquals("graph input 'x': dimension 1 ('seq') is dynamic; only the first (batch) dimension may be",
        error(b.build()));

    // A Reshape whose shape is computed at run time.
    OnnxBuilder r = new OnnxBuilder("m", 17);
    r.input("x", ElementType.FLOAT32, "N", 4);
    r.input("s", ElementType.INT64, 2);
    r.output(r.op("Reshape").name("reshape_dyn").inputs("x", "s").out(), ElementType.FLOAT32);
    String msg = error(r.build());
    assertTrue(msg.startsWith("Reshape node 'reshape_dyn': input shape ('s') must be an initializer or the output of"
        + " a Constant node"), msg);

    // A Reshape folding the batch into another dimension.
    String fold = error(model(17, bb -> bb.op("Reshape").name("flat").inputs("x",
        bb.initializer("shape", new LongTensor(Shape.of(1), new long[] {-1}))).out()));
    assertTrue(fold.startsWith("Reshape node 'flat': output 'flat' has shape [8] when N = 2 and [12] when N = 3;"),
        fold);
  }

  @Test
  void usedExtraOutputs() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, "N", 4);
    java.util.List<String> outs = b.op("Dropout").name("drop").inputs("x").outs(2);
    b.output(outs.get(0), ElementType.FLOAT32);
    b.output(outs.get(1), ElementType.FLOAT32);
    assertEquals("Dropout node 'drop': output 1 ('drop_1') is used, but only the first output is supported",
        error(b.build()));
  }

  @Test
  void declaredOutputShapeMustMatch() {
    OnnxBuilder b = new OnnxBuilder("m", 17);
    b.input("x", ElementType.FLOAT32, "N", 4);
    b.output(b.op("Relu").inputs("x").out(), ElementType.FLOAT32, "N", 5);
    assertEquals("graph output 'relu_0' is declared with shape [N, 5] but computes [N, 4]", error(b.build()));
  }

  @Test
  void inputWithoutShape() {
    ModelProto.Builder m = model(17, b -> b.op("Relu").inputs("x").out()).toBuilder();
    m.getGraphBuilder().setInput(0, ValueInfoProto.newBuilder().setName("x")
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))));
    assertTrue(error(m.build()).startsWith("graph input 'x' has no shape"));
  }

  @Test
  void externalData() {
    Consumer<ModelProto.Builder> ext = mb -> mb.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("w")
        .setDataType(1).addDims(4).setDataLocation(TensorProto.DataLocation.EXTERNAL));
    ModelProto.Builder mb = model(17, b -> b.op("Add").inputs("x", "w").out()).toBuilder();
    ext.accept(mb);
    assertEquals("initializer 'w' stores its data outside the model file (external data), which is not supported",
        error(mb.build()));
  }
}
