package dev.flern.ml;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorData;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a model in ONNX Runtime, the reference every operator and model is checked against. */
public final class OrtOracle {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private OrtOracle() {}

  /** Runs the serialized model on the inputs; returns every output by name, in model order. */
  public static Map<String, TensorData> run(byte[] model, Map<String, TensorData> inputs) {
    List<OnnxTensor> created = new ArrayList<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // One thread each: the machine is shared, and the results do not depend on it.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      try (OrtSession session = ENV.createSession(model, options)) {
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : inputs.entrySet()) {
          OnnxTensor t = toOrt(e.getValue());
          created.add(t);
          in.put(e.getKey(), t);
        }
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (OrtSession.Result r = session.run(in)) {
          for (Map.Entry<String, OnnxValue> e : r) {
            out.put(e.getKey(), fromOrt((OnnxTensor) e.getValue()));
          }
        }
        return out;
      }
    } catch (OrtException e) {
      throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      created.forEach(OnnxTensor::close);
    }
  }

  private static OnnxTensor toOrt(TensorData d) throws OrtException {
    long[] shape = java.util.Arrays.stream(d.shape().dims()).asLongStream().toArray();
    return switch (d) {
      case FloatTensor f -> OnnxTensor.createTensor(ENV, FloatBuffer.wrap(f.values()), shape);
      case LongTensor l -> OnnxTensor.createTensor(ENV, LongBuffer.wrap(l.values()), shape);
    };
  }

  private static TensorData fromOrt(OnnxTensor t) {
    int[] dims = java.util.Arrays.stream(t.getInfo().getShape()).mapToInt(Math::toIntExact).toArray();
    Shape shape = Shape.of(dims);
    return switch (t.getInfo().type) {
      case FLOAT -> {
        FloatBuffer b = t.getFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        yield new FloatTensor(shape, v);
      }
      case INT64 -> {
        LongBuffer b = t.getLongBuffer();
        long[] v = new long[b.remaining()];
        b.get(v);
        yield new LongTensor(shape, v);
      }
      default -> throw new AssertionError("unexpected ONNX Runtime output type " + t.getInfo().type);
    };
  }
}
