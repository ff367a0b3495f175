package dev.flern.ml.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.onnx.OnnxBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's model, {@code examples/models/order_risk.onnx}: a made-up "risk" of an order from its
 * value (in tens of thousands), its discount and its number of items — a 3 → 4 → 1 network with
 * Relu and a Sigmoid, weights written by hand (bigger discounts and bigger orders score higher).
 * {@code main} writes the file; a test checks the checked-in file is what this builds.
 */
public final class DemoModel {
  private DemoModel() {}

  public static final String INPUT = "order";
  public static final String OUTPUT = "risk";

  public static ModelProto build() {
    OnnxBuilder b = new OnnxBuilder("order_risk", TestModels.OPSET);
    String x = b.input(INPUT, ElementType.FLOAT32, "N", 3);
    String w1 = b.initializer("hidden.weight", new FloatTensor(Shape.of(4, 3), new float[] {
        0.8f, 12.0f, 0.05f,
        -0.5f, 6.0f, 0.2f,
        1.2f, -4.0f, -0.1f,
        0.0f, 8.0f, 0.15f}));
    String b1 = b.initializer("hidden.bias", new FloatTensor(Shape.of(4), new float[] {-1.0f, 0.1f, 0.3f, -0.6f}));
    String h = b.op("Gemm").name("hidden").inputs(x, w1, b1).attr("transB", 1L).out();
    h = b.op("Relu").name("hidden.relu").inputs(h).out();
    String w2 = b.initializer("score.weight", new FloatTensor(Shape.of(1, 4), new float[] {1.1f, 0.7f, -0.9f, 0.8f}));
    String b2 = b.initializer("score.bias", new FloatTensor(Shape.of(1), new float[] {-1.2f}));
    String z = b.op("Gemm").name("score").inputs(h, w2, b2).attr("transB", 1L).out();
    b.op("Sigmoid").name(OUTPUT).inputs(z).out();
    b.output(OUTPUT, ElementType.FLOAT32, "N", 1);
    return b.build();
  }

  /** Writes the model to the given path (default examples/models/order_risk.onnx). */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "examples/models/order_risk.onnx");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, build().toByteArray());
    System.out.println("wrote " + out);
  }
}
