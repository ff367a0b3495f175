package dev.flern.ml.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Interpreter;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.onnx.OnnxImporter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three test models through import and the interpreter, against ONNX Runtime on fresh random
 * inputs at batch 1 and 4. The seed of the inputs is in every failure message.
 */
class ModelConformanceTest {
  private static ModelProto mlp;
  private static ModelProto squeezeNet;
  private static ModelProto bert;

  @BeforeAll
  static void build() {
    mlp = TestModels.mlp(1);
    // The logits too: after a 1000-way softmax most values are tiny and a 1e-4 bound says little.
    squeezeNet = withOutput(TestModels.squeezeNet(2), TestModels.SQUEEZENET_LOGITS);
    bert = withOutput(TestModels.bertTiny(3), "layer0.attention");
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 4})
  void mlp(int batch) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    check("MLP (input seed " + seed + ")", mlp, Map.of(TestModels.MLP_INPUT, Tensors.uniform(r, -2, 2, batch, 32)));
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 4})
  void squeezeNet(int batch) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    check("SqueezeNet (input seed " + seed + ")", squeezeNet,
        Map.of(TestModels.SQUEEZENET_INPUT, Tensors.uniform(r, 0, 1, batch, 3, 64, 64)));
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 4})
  void bertTiny(int batch) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    check("BERT-tiny (input seed " + seed + ")", bert,
        Map.of(TestModels.BERT_INPUT, Tensors.indices(r, TestModels.BERT_VOCAB, batch, TestModels.BERT_SEQUENCE)));
  }

  private static void check(String what, ModelProto model, Map<String, TensorData> inputs) {
    Graph graph = OnnxImporter.toGraph(model);
    Map<String, TensorData> ours = new Interpreter(graph).run(inputs);
    Map<String, TensorData> theirs = OrtOracle.run(model.toByteArray(), inputs);
    Tensors.assertAllClose(what, theirs, ours);
  }

  /** The model with one more graph output: an intermediate tensor, to compare it as well. */
  private static ModelProto withOutput(ModelProto m, String tensor) {
    ModelProto.Builder b = m.toBuilder();
    b.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName(tensor)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))));
    return b.build();
  }
}
