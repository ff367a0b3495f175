package dev.flern.ml.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.FlernException;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.models.TestModels;
import dev.flern.ml.onnx.OnnxImporter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test models compiled into one native program each and run through {@link FlernModel}, against
 * ONNX Runtime on fresh random inputs. One compile per model serves every batch size.
 */
class CompiledModelTest {
  private static ModelProto mlpProto;
  private static FlernModel mlp;
  private static ModelProto bertProto;
  private static FlernModel bert;
  private static ModelProto squeezeProto;
  private static FlernModel squeeze;

  private static synchronized FlernModel mlp() {
    if (mlp == null) {
      mlpProto = TestModels.mlp(11);
      long t = System.nanoTime();
      mlp = FlernModel.fromGraph(OnnxImporter.toGraph(mlpProto));
      System.out.printf("MLP: compile+pack %.1f ms (cache hit %s)%n", (System.nanoTime() - t) / 1e6, mlp.library().cacheHit());
    }
    return mlp;
  }

  private static synchronized FlernModel bert() {
    if (bert == null) {
      bertProto = TestModels.bertTiny(13, 1000);
      long t = System.nanoTime();
      bert = FlernModel.fromGraph(OnnxImporter.toGraph(bertProto));
      System.out.printf("BERT-tiny: compile+pack %.1f ms (cache hit %s)%n", (System.nanoTime() - t) / 1e6, bert.library().cacheHit());
    }
    return bert;
  }

  private static synchronized FlernModel squeeze() {
    if (squeeze == null) {
      squeezeProto = TestModels.squeezeNet(12);
      long t = System.nanoTime();
      squeeze = FlernModel.fromGraph(OnnxImporter.toGraph(squeezeProto));
      System.out.printf("SqueezeNet: compile+pack %.1f ms (cache hit %s)%n", (System.nanoTime() - t) / 1e6, squeeze.library().cacheHit());
    }
    return squeeze;
  }

  @AfterAll
  static void close() {
    for (FlernModel m : new FlernModel[] {mlp, bert, squeeze}) if (m != null) m.close();
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 7, 256})
  void mlpMatchesOnnxRuntime(int batch) {
    FlernModel m = mlp();
    long seed = new Random().nextLong();
    FloatTensor x = Tensors.uniform(new Random(seed), -2, 2, batch, 32);
    float[] ours = m.run(x.values(), batch);
    TensorData theirs = OrtOracle.run(mlpProto.toByteArray(), Map.of(TestModels.MLP_INPUT, x)).get(TestModels.MLP_OUTPUT);
    Tensors.assertClose("MLP batch " + batch + " seed " + seed, theirs, new FloatTensor(theirs.shape(), ours));
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 2})
  void squeezeNetMatchesOnnxRuntime(int batch) {
    FlernModel m = squeeze();
    long seed = new Random().nextLong();
    FloatTensor x = Tensors.uniform(new Random(seed), 0, 1, batch, 3, 64, 64);
    float[] ours = m.run(x.values(), batch);
    TensorData theirs = OrtOracle.run(squeezeProto.toByteArray(), Map.of(TestModels.SQUEEZENET_INPUT, x))
        .get(TestModels.SQUEEZENET_OUTPUT);
    Tensors.assertClose("SqueezeNet batch " + batch + " seed " + seed, theirs, new FloatTensor(theirs.shape(), ours));
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 2})
  void bertTinyMatchesOnnxRuntime(int batch) {
    FlernModel m = bert();
    long seed = new Random().nextLong();
    LongTensor ids = Tensors.indices(new Random(seed), 1000, batch, TestModels.BERT_SEQUENCE);
    float[] ours = m.run(ids.values(), batch);
    TensorData theirs = OrtOracle.run(bertProto.toByteArray(), Map.of(TestModels.BERT_INPUT, ids))
        .get(m.outputNames().get(0));
    Tensors.assertClose("BERT-tiny batch " + batch + " seed " + seed, theirs, new FloatTensor(theirs.shape(), ours));
  }

  /** Large batches run as row ranges on the workers: one and two threads give the same floats. */
  @Test
  void twoThreadsGiveTheSameFloatsAsOne() {
    mlp();
    squeeze();
    assertTrue(mlp.grain() < 256, "MLP grain " + mlp.grain());
    assertTrue(squeeze.grain() < 4, "SqueezeNet grain " + squeeze.grain());
    Random r = new Random();
    float[] x = Tensors.uniform(r, -2, 2, 256, 32).values();
    float[] img = Tensors.uniform(r, 0, 1, 4, 3, 64, 64).values();
    try (FlernModel mlp2 = FlernModel.fromGraph(OnnxImporter.toGraph(mlpProto), 2);
         FlernModel sq2 = FlernModel.fromGraph(OnnxImporter.toGraph(squeezeProto), 2)) {
      assertArrayEquals(mlp.run(x, 256), mlp2.run(x, 256));
      assertArrayEquals(squeeze.run(img, 4), sq2.run(img, 4));
      // The split runs matches ONNX Runtime too (the row ranges cover every row once).
      TensorData theirs = OrtOracle.run(mlpProto.toByteArray(), Map.of(TestModels.MLP_INPUT, new FloatTensor(Shape.of(256, 32), x)))
          .get(TestModels.MLP_OUTPUT);
      Tensors.assertClose("MLP 2 threads batch 256", theirs, new FloatTensor(theirs.shape(), mlp2.run(x, 256)));
      theirs = OrtOracle.run(squeezeProto.toByteArray(), Map.of(TestModels.SQUEEZENET_INPUT, new FloatTensor(Shape.of(4, 3, 64, 64), img)))
          .get(TestModels.SQUEEZENET_OUTPUT);
      Tensors.assertClose("SqueezeNet 2 threads batch 4", theirs, new FloatTensor(theirs.shape(), sq2.run(img, 4)));
    }
  }

  @Test
  void shapesAndSizeErrors() {
    FlernModel m = mlp();
    assertEquals(Shape.batched(32), m.inputShape());
    assertEquals(Shape.batched(2), m.outputShapes().get(0));
    FlernException e = assertThrows(FlernException.class, () -> m.run(new float[31], 1));
    assertTrue(e.getMessage().contains("needs 32"), e.getMessage());
    assertThrows(FlernException.class, () -> m.run(new float[32], 0));
    assertThrows(FlernException.class, () -> m.run(new long[32], 1));
  }
}
