package dev.flern.ml.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.FlernException;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.models.TestModels;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxLoaderTest {

  @Test
  void fileBytesAndStreamGiveTheSameModel(@TempDir Path dir) throws Exception {
    ModelProto m = TestModels.mlp(7);
    byte[] bytes = m.toByteArray();
    Path file = dir.resolve("mlp.onnx");
    Files.write(file, bytes);
    assertEquals(m, OnnxLoader.load(file));
    assertEquals(m, OnnxLoader.parse(bytes));
    assertEquals(m, OnnxLoader.read(new ByteArrayInputStream(bytes)));
    Graph g = OnnxImporter.load(file);
    assertEquals(g.toString(), OnnxImporter.parse(bytes).toString());
    assertEquals(g.toString(), OnnxImporter.read(new ByteArrayInputStream(bytes)).toString());
  }

  @Test
  void notAModel(@TempDir Path dir) throws Exception {
    FlernException e = assertThrows(FlernException.class, () -> OnnxLoader.parse(new byte[] {1, 2, 3, 4, 5}));
    assertTrue(e.getMessage().startsWith("the given bytes are not an ONNX model"), e.getMessage());
    assertTrue(assertThrows(FlernException.class, () -> OnnxLoader.parse(new byte[0])).getMessage()
        .contains("has no graph"));
    Path missing = dir.resolve("nope.onnx");
    assertTrue(assertThrows(FlernException.class, () -> OnnxLoader.load(missing)).getMessage()
        .startsWith("cannot read ONNX model " + missing));
  }
}
