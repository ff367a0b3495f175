package dev.flern.ml.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Interpreter;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's checked-in model is what {@link DemoModel} builds, and computes what ONNX Runtime does. */
class DemoModelTest {
  @Test
  void theCheckedInFileIsTheBuiltModel() throws IOException {
    // Surefire runs in the module directory; the examples are at the repository root.
    byte[] file = Files.readAllBytes(Path.of("../../examples/models/order_risk.onnx"));
    assertArrayEquals(DemoModel.build().toByteArray(), file,
        "examples/models/order_risk.onnx is stale: rewrite it with DemoModel.main");
  }

  @Test
  void itScoresAsOnnxRuntimeDoes() {
    float[] rows = {0.6f, 0.05f, 3, 1.2f, 0.0f, 9, 0.1f, 0.1f, 1};
    Map<String, TensorData> in = Map.of(DemoModel.INPUT, Tensors.of(rows, 3, 3));
    Graph g = OnnxImporter.toGraph(DemoModel.build());
    float[] ours = ((FloatTensor) new Interpreter(g).run(in).get(DemoModel.OUTPUT)).values();
    float[] ort = ((FloatTensor) OrtOracle.run(DemoModel.build().toByteArray(), in).get(DemoModel.OUTPUT)).values();
    assertEquals(3, ort.length);
    for (int i = 0; i < 3; i++) assertEquals(ort[i], ours[i], 1e-6);
  }
}
